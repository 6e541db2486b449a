from django.apps import AppConfig


class OneChatConfig(AppConfig):
    name = "onechat"
    verbose_name = "OneChat"
