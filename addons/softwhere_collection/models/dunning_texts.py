# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The default dunning policy's levels, in the environment's language."""

from markupsafe import Markup


def _html(*paragraphs):
    return Markup("").join(Markup("<p>%s</p>") % paragraph for paragraph in paragraphs)


def dunning_levels(env):
    """The levels of the default policy: e-mails at D+7 and D+15 after the due
    date, a formal notice letter at D+30, the suspension of the site's lines
    prepared at D+45 (a person calls the customer and confirms it)."""
    first = env._(
        "Unless we are mistaken, the invoices listed in the summary are still "
        "unpaid. If "
        "you have paid them in the meantime, please disregard this message; "
        "otherwise, please settle them on receipt of this reminder."
    )
    second = env._(
        "Despite our first reminder, the invoices listed in the summary are still "
        "unpaid. "
        "Please settle them within 8 days. If you have paid them in the meantime, "
        "please disregard this message."
    )
    notice = env._(
        "FORMAL NOTICE TO PAY. Despite our reminders, the invoices listed in the "
        "summary are still unpaid. We hereby give you formal notice to pay the "
        "amount due within 8 days of receipt of this letter. Failing payment, "
        "your lines will be suspended and we will start recovery proceedings."
    )
    penalties = env._(
        "Under article L441-10 of the French Commercial Code, late-payment "
        "penalties and a fixed indemnity of 40 euros per invoice for recovery "
        "costs are due from the day after the due date."
    )
    suspension = env._(
        "The invoices listed in the summary are still unpaid 45 days after their "
        "due "
        "date, despite our formal notice. The suspension of your lines is "
        "being prepared."
    )
    return [
        {
            "level": 1,
            "name": env._("First reminder (D+7)"),
            "delay_days": 7,
            "channel": "email",
            "custom_text": first,
            "custom_mail_text": _html(first),
        },
        {
            "level": 2,
            "name": env._("Second reminder (D+15)"),
            "delay_days": 15,
            "channel": "email",
            "custom_text": second,
            "custom_mail_text": _html(second),
        },
        {
            "level": 3,
            "name": env._("Formal notice (D+30)"),
            "delay_days": 30,
            "channel": "letter",
            "custom_text": notice,
            "custom_text_after_details": penalties,
            "custom_mail_text": _html(notice, penalties),
        },
        {
            "level": 4,
            "name": env._("Suspension of the lines (D+45)"),
            "delay_days": 45,
            "channel": "phone",
            "softwhere_suspend_lines": True,
            "custom_text": suspension,
            "custom_mail_text": _html(suspension),
        },
    ]


#: The fields of a level written in each language.
TRANSLATED_FIELDS = (
    "name",
    "custom_text",
    "custom_text_after_details",
    "custom_mail_text",
)
