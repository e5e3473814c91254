"""The debt toolkit's pages, included in the ``help`` namespace (/<lang>/help/…)."""

from django.urls import path

from literacy.negotiation.toolkit import budget, complain, contact_log, debts, letters

urlpatterns = [
    path("budget/", budget.budget_page, name="budget"),
    path("budget/statement/", budget.statement, name="budget_statement"),
    path("budget/delete/", budget.delete_budget, name="budget_delete"),
    path("debts/", debts.debts_page, name="debts"),
    path("debts/<int:pk>/", debts.edit_debt, name="debt_edit"),
    path("debts/<int:pk>/delete/", debts.delete_debt, name="debt_delete"),
    path("letters/", letters.library, name="letters"),
    path("letters/<slug:slug>/", letters.letter_page, name="toolkit_letter"),
    path("complain/", complain.complain_page, name="complain"),
    path("log/", contact_log.log_page, name="log"),
    path("log/<int:pk>/", contact_log.edit_entry, name="log_edit"),
    path("log/<int:pk>/delete/", contact_log.delete_entry, name="log_delete"),
    path("log/export.csv", contact_log.export_log, name="log_export"),
    path("log/print/", contact_log.print_log, name="log_print"),
]
