/**
 * The month's invoicing as a billing clerk does it, in French: the run of the park
 * and its control, « Valider la facturation », the sending of the invoices, then the
 * SEPA debit order the posting made for the invoices paid by direct debit. The jobs
 * run in the background (queue_job's runner); the form follows them.
 */
import { registry } from "@web/core/registry";
import { openSoftwhereMenu } from "@softwhere_client/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("softwhere_monthly_cycle_tour", {
    url: "/odoo",
    steps: () => [
        ...openSoftwhereMenu("Parc", "Facturations"),
        {
            content: "No run yet this month",
            trigger: '.o_breadcrumb:contains("Facturations")',
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A new run is dated today",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Brouillon")',
        },
        {
            trigger: 'button[name="action_start"]:contains("Lancer")',
            run: "click",
        },
        {
            content: "The jobs ran: the run waits for its control",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("À contrôler")',
            timeout: 60000,
        },
        {
            content: "Its date, read-only now, with its year",
            trigger: '.o_field_widget[name="run_date"]:contains("/20")',
        },
        {
            content: "Four billing sites, four invoices",
            trigger: '.o_field_widget[name="site_count"]:contains("4")',
        },
        {
            trigger: 'button.oe_stat_button:contains("Factures"):contains("4")',
        },
        {
            content: "Four plans at 19,90 € excluding VAT",
            trigger: '.o_field_widget[name="amount_untaxed"]:contains("79,60")',
        },
        {
            content: "The control report: each site invoiced its month",
            trigger: '.o_field_widget[name="report_ids"] .o_data_row:contains("Cabinet Roux"):contains("Facturé"):contains("19,90")',
        },
        {
            trigger: '.o_field_widget[name="report_ids"] .o_data_row:contains("Boulangerie Martin"):contains("Facturé"):contains("19,90")',
        },
        {
            content: "Nothing posted, nothing to debit yet",
            trigger: '.o_form_view:not(:has(button.oe_stat_button:contains("Ordres de prélèvement")))',
        },
        {
            trigger: 'button[name="action_post"]:contains("Valider la facturation")',
            run: "click",
        },
        {
            content: "The clerk is asked whether the control report was read",
            trigger: '.modal:contains("rapport de contrôle") .modal-footer button.btn-primary',
            run: "click",
        },
        {
            content: "Posted",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Validée")',
            timeout: 60000,
        },
        {
            content: "One debit order for the three invoices paid by direct debit",
            trigger: 'button.oe_stat_button:contains("Ordres de prélèvement"):contains("1")',
        },
        {
            content: "The four invoices wait to be sent",
            trigger: '.o_field_widget[name="unsent_count"]:contains("4")',
        },
        {
            trigger: 'button[name="action_send"]:contains("Envoyer la facturation")',
            run: "click",
        },
        {
            trigger: '.modal:contains("Factur-X") .modal-footer button.btn-primary',
            run: "click",
        },
        {
            content: "The form follows the sending: four sent, none left",
            trigger: '.o_field_widget[name="sent_count"]:contains("4")',
            timeout: 60000,
        },
        {
            trigger: '.o_field_widget[name="unsent_count"]:contains("0")',
        },
        {
            content: "Nothing left to send",
            trigger: '.o_form_view:not(:has(button[name="action_send"]))',
        },
        {
            trigger: 'button.oe_stat_button:contains("Factures")',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Factures de la facturation")',
        },
        {
            content: "The four customers' invoices",
            trigger:
                '.o_list_view:has(.o_data_row:contains("Boulangerie Martin")):has(.o_data_row:contains("Garage Dubois")):has(.o_data_row:contains("Fleuriste Rose")):has(.o_data_row:contains("Cabinet Roux"))',
        },
        {
            trigger: '.o_data_row td:contains("Boulangerie Martin")',
            run: "click",
        },
        {
            content: "The invoice of a direct debit customer: 23,88 € to be debited on a day with its year",
            trigger: '.o_field_widget[name="softwhere_debit_date"]:contains("/20")',
        },
        {
            trigger: '.o_field_widget[name="amount_total"]:contains("23,88"), .o_field_widget[name="tax_totals"]:contains("23,88")',
        },
        {
            content: "The e-mail sent tells the customer when the debit comes (SEPA pre-notification)",
            trigger: '.o-mail-Message:contains("sera prélevé le"):contains("ACTIF-TOUR-0")',
        },
        {
            content: "Back to the run",
            trigger: '.o_breadcrumb li.breadcrumb-item a:contains("Facturation du")',
            run: "click",
        },
        {
            trigger: 'button.oe_stat_button:contains("Ordres de prélèvement")',
            run: "click",
        },
        {
            content: "The run's debit order, a draft to confirm, 3 × 23,88 €",
            trigger: '.o_data_row:contains("Facturation du"):contains("Brouillon"):contains("71,64")',
        },
        {
            trigger: '.o_data_row td:contains("Facturation du")',
            run: "click",
        },
        {
            content: "Its transactions: the three SEPA customers, not the one paying by transfer",
            trigger: '.o_field_widget[name="payment_line_ids"] .o_data_row:contains("Boulangerie Martin"):contains("23,88")',
        },
        {
            trigger: '.o_field_widget[name="payment_line_ids"] .o_data_row:contains("Garage Dubois"):contains("23,88")',
        },
        {
            trigger: '.o_field_widget[name="payment_line_ids"] .o_data_row:contains("Fleuriste Rose"):contains("23,88")',
        },
        {
            trigger: '.o_field_widget[name="payment_line_ids"]:not(:has(.o_data_row:contains("Cabinet Roux")))',
        },
        {
            content: "It names its run",
            trigger: '.o_field_widget[name="softwhere_invoice_run_id"]:contains("Facturation du")',
        },
    ],
});
