# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Invoice lines keep their park line and article start of their own.

Before 19.0.1.1.0 the park line was read through the article; the invoice run
now finds what was billed by (line, article, start), even once the article is
gone.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE account_move_line aml
           SET park_line_id = article.line_id,
               softwhere_article_start = article.date_start,
               softwhere_period_start = COALESCE(
                   aml.softwhere_period_start, move.park_period_start
               ),
               softwhere_period_end = COALESCE(
                   aml.softwhere_period_end, move.park_period_end
               )
          FROM softwhere_line_article article, account_move move
         WHERE aml.park_line_article_id = article.id
           AND move.id = aml.move_id
           AND aml.park_line_id IS NULL
        """
    )
    # One invoice per site and period is no longer the guard: a later run of
    # the same period bills what changed since (see softwhere.billing.site).
    # Odoo 19 names a model's index <table>_<name without its underscore>.
    cr.execute("DROP INDEX IF EXISTS account_move_park_period_unique")
    # What the engine before this one billed is history: each site is billed
    # by the new engine from the day after its last invoiced period, and the
    # company from the earliest of those days (sites made since start there).
    cr.execute(
        """
        UPDATE softwhere_billing_site site
           SET park_billed_until = billed.until,
               park_billing_start = billed.until + 1
          FROM (SELECT billing_site_id, MAX(park_period_end) AS until
                  FROM account_move
                 WHERE park_period_end IS NOT NULL AND state != 'cancel'
                 GROUP BY billing_site_id) billed
         WHERE billed.billing_site_id = site.id
        """
    )
    cr.execute(
        """
        UPDATE res_company company
           SET softwhere_billing_start = first.start
          FROM (SELECT company_id, MIN(park_billing_start) AS start
                  FROM softwhere_billing_site
                 WHERE park_billing_start IS NOT NULL
                 GROUP BY company_id) first
         WHERE first.company_id = company.id
           AND company.softwhere_billing_start IS NULL
        """
    )
