"""The admin's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM)."""

from wagtail.admin.forms.auth import LoginForm


class ChineseLoginForm(LoginForm):
    """Wagtail's form redeclares the password field without a label, so Django made one from
    the field's name: "Password". Here it reads 密码, like the rest of the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
