from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", max_length=120,
                               template="cms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"),
                                     features=["bold", "link", "document-link", "ol", "ul"])

    class Meta:
        label = _("Body")
