/** An accountant, in French, gives a customer's billing site its signed SEPA mandate. */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("softwhere_billing_site_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the SoftWhere application",
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections button:contains("Clients")',
            run: "click",
        },
        {
            content: "Open the billing sites, whose menu reads in French",
            trigger: '.dropdown-item:contains("Sites de facturation")',
            run: "click",
        },
        {
            content: "The billing sites' list replaced the customer accounts'",
            trigger: '.o_breadcrumb:contains("Sites de facturation")',
        },
        {
            content: "The customer got its billing site when it was created",
            trigger: '.o_data_row td:contains("Boulangerie du Tour")',
            run: "click",
        },
        {
            content: "Open the mandate tab",
            trigger: '.o_notebook_headers a:contains("Mandat de prélèvement")',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="mandate_iban"] input',
            run: "edit FR76 3000 3140 0297 1344 5885 396",
        },
        {
            trigger: '.o_field_widget[name="mandate_bic"] input',
            run: "edit SOGEFRPP",
        },
        {
            trigger: '.o_field_widget[name="mandate_signature_date"] input',
            run: "edit 02/11/2026",
        },
        ...stepUtils.saveForm(),
        {
            content: "The mandate is valid and numbered",
            trigger: '.o_field_widget[name="mandate_state"] .badge:contains("Valide")',
        },
        {
            trigger: '.o_field_widget[name="mandate_rum"] input:value(/.+/)',
        },
        {
            content: "The site now pays by SEPA direct debit",
            trigger: '.o_field_widget[name="payment_mode_id"] input:value("Prélèvement SEPA")',
        },
    ],
});
