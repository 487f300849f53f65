"""Account forms; every field has a label and a length limit."""
from __future__ import annotations

from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from lms.accounts.passwords import MAX_LENGTH
from lms.web.form_choices import select_choices

_ZONES = sorted(available_timezones() - {"localtime", "Factory"})


def _email_field(label: str = "Email address") -> EmailField:
    return EmailField(label, validators=[DataRequired("Enter your email address."), Length(max=254),
                                         Email("Enter an email address like name@example.com.",
                                               check_deliverability=False)])


def _new_password(label: str = "Password") -> PasswordField:
    return PasswordField(label, validators=[DataRequired("Enter a password."), Length(max=MAX_LENGTH)],
                         description="At least 10 characters; avoid common passwords.")


def _confirm(label: str = "Repeat the password") -> PasswordField:
    return PasswordField(label, validators=[DataRequired("Repeat the password."),
                                            EqualTo("password", "The two passwords do not match.")])


class SignUpForm(FlaskForm):
    full_name = StringField("Full legal name", validators=[DataRequired("Enter your full name."),
                            Length(max=200, message="Use at most 200 characters.")],
                            description="As it must appear on your certificates.")
    email = _email_field()
    password = _new_password()
    confirm = _confirm()


class SignInForm(FlaskForm):
    email = _email_field()
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)])
    remember = BooleanField("Keep me signed in on this device")
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password("New password")
    confirm = _confirm()


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired("Enter your current password."),
                                                            Length(max=MAX_LENGTH)])
    password = _new_password("New password")
    confirm = _confirm()


class ProfileForm(FlaskForm):
    full_name = StringField("Full legal name", validators=[DataRequired("Enter your full name."),
                            Length(max=200, message="Use at most 200 characters.")])
    time_zone = SelectField("Time zone", choices=select_choices((z, z) for z in _ZONES))

    def validate_time_zone(self, field: SelectField) -> None:
        if field.data not in _ZONES:
            raise ValidationError("Choose a time zone from the list.")
