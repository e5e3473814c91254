from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    name = "literacy.negotiation"
    home_section = "negotiation/_home_section.html"

    def ready(self) -> None:
        # connects the receiver that attaches this session's requests at log-in
        from literacy.negotiation.help import attach  # noqa: F401
