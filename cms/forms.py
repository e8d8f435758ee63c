from django.utils.translation import gettext_lazy as _
from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from tenants.uploads import DOCUMENTS, check_upload, refuse_members_only_images


class LoginForm(WagtailLoginForm):
    """Wagtail's password field has no label, so Django derives an untranslatable "Password"
    from the field name; staff sign in through a Japanese form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class DocumentForm(BaseDocumentForm):
    """Wagtail documents (council papers, leaflets): the upload is checked by its content."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_upload(upload, DOCUMENTS)
        return upload

    def _post_clean(self):
        # Wagtail's "create from upload" step (multiple upload) validates this form, which has no
        # file field, before it attaches the uploaded file; the model's extension check then
        # fails on the empty name and the error has no field to go to (a 500). The file was
        # checked by content when it was uploaded, so the check is given its future name.
        pending = "file" not in self.fields and not self.instance.file
        if pending:
            self.instance.file.name = "pending-upload.pdf"
        try:
            super()._post_clean()
        finally:
            if pending:
                self.instance.file.name = ""


class ImageForm(BaseImageForm):
    """Wagtail images (photos, logos): image files are served openly, so they never go into a
    members-only collection."""

    def clean_collection(self):
        collection = self.cleaned_data.get("collection")
        refuse_members_only_images(collection)
        return collection
