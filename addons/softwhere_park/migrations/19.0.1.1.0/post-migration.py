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
    cr.execute("DROP INDEX IF EXISTS account_move__park_period_unique")
