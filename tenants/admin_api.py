"""The admin API's document and image endpoints, scoped to what the user may choose.

Wagtail's admin API (`/admin/api/main/documents/`, `/images/`) lists every document and image
of the site to anyone who may enter the admin: another municipality's titles, members-only
material included. These endpoints answer only with what the collection permissions let the
user choose, as the admin's own choosers do."""

from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as document_policy
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as image_policy
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

CHOOSE = ["choose", "change"]


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return document_policy().instances_user_has_any_permission_for(self.request.user, CHOOSE).order_by("id")


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return image_policy().instances_user_has_any_permission_for(self.request.user, CHOOSE).order_by("id")


def scope_media_endpoints(router):
    if get_document_model() is not None:
        router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)
    if get_image_model() is not None:
        router.register_endpoint("images", ChoosableImagesAPIViewSet)
