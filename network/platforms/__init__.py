"""A municipality's platform (プラットフォーム): the admin of its member organisations (構成団体).
The membership model lives in network.models.platforms."""
