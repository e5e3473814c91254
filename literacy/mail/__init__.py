"""Durable outgoing e-mail: stored with the change that causes it, delivered by a task worker."""
