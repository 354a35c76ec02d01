/** A sales assistant, in French, adds a mobile line from the catalogue, then changes its plan. */
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { openSoftwhereMenu } from "@softwhere_client/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("softwhere_park_line_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the SoftWhere application",
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections button:contains("Parc")',
            run: "click",
        },
        {
            content: "Open the lines, whose menu reads in French",
            trigger: '.dropdown-item:contains("Lignes")',
            run: "click",
        },
        {
            content: "The lines are shown",
            trigger: '.o_breadcrumb:contains("Lignes")',
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The number as the customer gave it",
            trigger: '.o_field_widget[name="name"] input',
            run: "edit +33 6 12 34 56 78",
        },
        {
            trigger: '.o_field_widget[name="first_name"] input',
            run: "edit Léa",
        },
        {
            trigger: '.o_field_widget[name="last_name"] input',
            run: "edit Petit",
        },
        {
            trigger: '.o_field_widget[name="service_id"] input',
            run: "edit Boulangerie du Tour",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Boulangerie du Tour")',
            run: "click",
        },
        {
            content: "The history tab reads in French",
            trigger: '.o_notebook_headers a:contains("Abonnements et options")',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="article_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="article_ids"] .o_field_widget[name="product_id"] input',
            run: "edit Illimité 20Go Orange",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Forfait Pro Illimité 20Go Orange")',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="article_ids"] .o_field_widget[name="date_start"] input',
            run: "edit 01/01/2026",
        },
        ...stepUtils.saveForm(),
        {
            content: "The number is stored in its national form",
            trigger: '.o_field_widget[name="name"] input:value("0612345678")',
        },
        {
            content: "This month's sales: the plan's price",
            trigger: '.o_field_widget[name="monthly_sale_total"]:contains("19,90")',
        },
        {
            trigger: 'button[name="action_open_change_plan"]:contains("Changer de forfait")',
            run: "click",
        },
        {
            content: "The wizard shows the plan in force",
            trigger: '.modal .o_field_widget[name="current_subscription_id"]:contains("Forfait Pro Illimité 20Go Orange")',
        },
        {
            content: "A date with a value shows as a button until clicked",
            trigger: '.modal .o_field_widget[name="date"] button',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="date"] input',
            run: "edit 16/11/2026",
        },
        {
            trigger: '.modal .o_field_widget[name="product_id"] input',
            run: "edit Illimité 100Go Orange",
        },
        {
            trigger: '.modal .o-autocomplete--dropdown-item:contains("Forfait Pro Illimité 100Go Orange")',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="product_id"] input:value("Forfait Pro Illimité 100Go Orange")',
        },
        {
            trigger: '.modal button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The new plan is this month's; the old one stays in the history",
            trigger: '.o_field_widget[name="monthly_sale_total"]:contains("29,90")',
        },
        {
            trigger: '.o_field_widget[name="article_ids"] .o_data_row:contains("Forfait Pro Illimité 100Go Orange"):contains("Actif")',
        },
        {
            trigger: '.o_field_widget[name="article_ids"] .o_data_row:contains("Forfait Pro Illimité 20Go Orange"):contains("15/11/2026"):contains("Terminé")',
        },
    ],
});

/** The manager runs November's invoicing. */
registry.category("web_tour.tours").add("softwhere_park_invoice_run_tour", {
    url: "/odoo",
    steps: () => [
        ...openSoftwhereMenu("Parc", "Facturations"),
        {
            trigger: '.o_breadcrumb:contains("Facturations")',
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A date with a value shows as a button until clicked",
            trigger: '.o_field_widget[name="run_date"] button',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="run_date"] input',
            run: "edit 01/11/2026",
        },
        {
            trigger: 'button[name="action_start"]:contains("Lancer")',
            run: "click",
        },
        {
            content: "The run is under way: its jobs are queued",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("En cours")',
        },
        {
            content: "A job makes progress in the background",
            trigger: ".o_form_sheet",
            run: async () => {
                // Progress made in the background (a job), not by this page.
                const [run] = await rpc("/web/dataset/call_kw/softwhere.invoice.run/search", {
                    model: "softwhere.invoice.run",
                    method: "search",
                    args: [[]],
                    kwargs: { limit: 1 },
                });
                await rpc("/web/dataset/call_kw/softwhere.invoice.run/write", {
                    model: "softwhere.invoice.run",
                    method: "write",
                    args: [[run], { site_count: 987 }],
                    kwargs: {},
                });
            },
        },
        {
            content: "The page shows the progress without a reload",
            trigger: '.o_field_widget[name="site_count"]:contains("987")',
        },
    ],
});

/** The jobs have run: the manager opens the invoice the run made. */
registry.category("web_tour.tours").add("softwhere_park_invoice_tour", {
    url: "/odoo",
    steps: () => [
        ...openSoftwhereMenu("Parc", "Facturations"),
        {
            trigger: '.o_breadcrumb:contains("Facturations")',
        },
        {
            content: "The run's date is read with its year",
            trigger: '.o_data_row:contains("01/11/2026"):contains("À contrôler")',
        },
        {
            trigger: '.o_data_row td:contains("À contrôler")',
            run: "click",
        },
        {
            trigger: 'button.oe_stat_button:contains("Factures")',
            run: "click",
        },
        {
            content: "The run's own invoices, a list of their own",
            trigger: '.o_breadcrumb:contains("Factures de la facturation")',
        },
        {
            trigger: '.o_data_row td:contains("Boulangerie du Tour")',
            run: "click",
        },
        {
            content: "The invoice covers November, in French",
            trigger: '.o_field_widget[name="park_period_label"]:contains("novembre 2026")',
        },
        {
            content: "A section for the service",
            trigger: '.o_field_widget[name="invoice_line_ids"] .o_is_line_section + .o_data_row:contains("0612345678")',
        },
        {
            content: "The old plan prorated to the 15th, the new one from the 16th",
            trigger: '.o_field_widget[name="invoice_line_ids"] .o_data_row:contains("Forfait Pro Illimité 20Go Orange"):contains("0612345678 – Léa Petit"):contains("du 01/11/2026 au 15/11/2026"):contains("9,95")',
        },
        {
            trigger: '.o_field_widget[name="invoice_line_ids"] .o_data_row:contains("Forfait Pro Illimité 100Go Orange"):contains("du 16/11/2026 au 30/11/2026"):contains("14,95")',
        },
    ],
});
