from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from literacy.accounts.names import MAX_NAME_CHARS, validate_person_name, validate_username
from literacy.accounts.roles import EDUCATORS, REVIEWERS


def staff_usernames() -> set[str]:
    team = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=[REVIEWERS, EDUCATORS])
    return set(User.objects.filter(team).values_list("username", flat=True))


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "email")
        labels = {"email": _("Email (optional, for password resets)")}

    first_name = forms.CharField(
        label=_("Name shown on certificates (optional)"),
        required=False,
        max_length=MAX_NAME_CHARS,
        validators=[validate_person_name],
    )

    def clean_username(self) -> str:
        username = super().clean_username()
        if username:  # None when Django already refused it as taken
            validate_username(username, staff_usernames())
        return username


class DeleteAccountForm(forms.Form):
    """Deleting an account is final: the account holder confirms with their password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."), code="wrong_password")
        return password
