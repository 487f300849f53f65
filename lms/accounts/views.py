"""Sign-up, sign-in/out, password reset, profile: a thin blueprint over accounts.service."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from lms import db
from lms.accounts import forms, service
from lms.accounts.models import User
from lms.accounts.passwords import verify_password
from lms.extensions import limiter
from lms.mail.sender import MailSettings, send
from lms.web.redirects import safe_next

bp = Blueprint("accounts", __name__, template_folder="templates")


def _account_key() -> str:
    return "account:" + User.key_for(request.form.get("email", ""))[:254]


def _tokens() -> service.ResetTokens:
    return service.ResetTokens(current_app.config["SECRET_KEY"], current_app.config["PASSWORD_RESET_MAX_AGE"])


def _start_session(user: User, remember: bool) -> None:
    session.clear()  # a fresh session on sign-in: no fixation
    login_user(user, remember=remember)


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("10/hour", methods=["POST"])
def sign_up() -> str | Response:
    form = forms.SignUpForm()
    if form.validate_on_submit():
        try:
            user = service.create_user(db.session(), form.email.data, form.full_name.data, form.password.data)
        except service.AccountError as exc:
            getattr(form, exc.field or "email").errors.append(str(exc))
        else:
            _start_session(user, remember=False)
            flash("Welcome! Your account is ready.", "success")
            return redirect(url_for("web.dashboard"))
    return render_template("accounts/sign_up.html", form=form)


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("30/minute;200/hour", methods=["POST"])
@limiter.limit("8/minute;40/hour", methods=["POST"], key_func=_account_key)
def sign_in() -> str | Response:
    form = forms.SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = service.authenticate(db.session(), form.email.data, form.password.data)
        if user is not None:
            _start_session(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data, url_for("web.dashboard")))
        form.form_errors.append("The email address or password is not right, or the account is deactivated.")
    return render_template("accounts/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out() -> Response:
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("web.home"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("5/minute;20/hour", methods=["POST"])
def reset_request() -> str | Response:
    form = forms.ResetRequestForm()
    if form.validate_on_submit():
        user = service.find_by_email(db.session(), form.email.data)
        if user is not None and user.active:
            link = url_for("accounts.reset_password", token=_tokens().issue(user), _external=True)
            body = (f"Hello {user.full_name},\n\nTo choose a new password, open this link within an hour:\n"
                    f"{link}\n\nIf you did not ask for this, ignore this message.")
            send(db.session(), MailSettings.from_config(current_app.config), user.email,
                 "Reset your password", body)
        flash("If an account uses that address, we have sent it a link to reset the password.", "info")
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def reset_password(token: str) -> str | Response:
    try:
        user = _tokens().redeem(db.session(), token)
    except service.AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("accounts.reset_request"))
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            service.set_password(db.session(), user, form.password.data)
        except service.AccountError as exc:
            form.password.errors.append(str(exc))
        else:
            flash("Your password has been changed. Sign in with the new one.", "success")
            return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile() -> str | Response:
    form = forms.ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.full_name = " ".join(form.full_name.data.split())
        current_user.time_zone = form.time_zone.data
        db.session().commit()
        flash("Your profile is saved.", "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, password_form=forms.ChangePasswordForm())


@bp.post("/account/password")
@login_required
def change_password() -> str | Response:
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append("Your current password is not right.")
        else:
            try:
                service.set_password(db.session(), current_user, form.password.data)
            except service.AccountError as exc:
                form.password.errors.append(str(exc))
            else:
                flash("Your password has been changed.", "success")
                return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=forms.ProfileForm(obj=current_user), password_form=form)
