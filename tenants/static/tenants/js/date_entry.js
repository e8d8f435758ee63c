// Keep the date staff type. Wagtail's picker (xdsoft datetimepicker) "validates" a field on blur
// by parsing it with its own format: "2026年12月1日" became 2026/01/01 and a datetime it could not
// read became the current time. The server reads every accepted form (tenants/date_entry.py) and
// refuses the rest with a message, so the picker only offers a calendar and never rewrites text.
// Set on the defaults, so every picker is covered: our fields, Wagtail's schedule dialog, filters.
(function ($) {
  "use strict";
  if (!$ || !$.fn || !$.fn.datetimepicker) {
    return;
  }
  $.fn.datetimepicker.defaults.validateOnBlur = false;
  // Close the calendar when the field is left, whatever the picker's own options say.
  $(document).on("blur", "input", function () {
    if ($(this).data("xdsoft_datetimepicker")) {
      $(this).datetimepicker("hide");
    }
  });
})(window.jQuery);
