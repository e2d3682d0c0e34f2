from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from kokeilu.core.forms import add_error_to_form

from .forms import LoginForm, SignupForm
from .services import user_create


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def signup(request: HttpRequest) -> HttpResponse:
    """Anyone may create an account to propose; roles beyond applicant are granted by a city."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                preferred_language=(get_language() or "fi")[:2],
            )
        except ValidationError as error:
            # Password rules speak of the password field; the rest keep their own field.
            if not hasattr(error, "error_dict"):
                error = ValidationError({"password": error.messages})
            add_error_to_form(form, error)
        else:
            login(request, user, backend="kokeilu.accounts.backends.PasswordBackend")
            return redirect(next_url or "core:home")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})
