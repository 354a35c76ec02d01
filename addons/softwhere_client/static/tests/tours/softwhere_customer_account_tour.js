/** A sales assistant, in French, creates a customer account with a contact and signs it. */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("softwhere_customer_account_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the SoftWhere application",
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            content: "Open the customer accounts, whose menu reads in French",
            trigger: '.o_menu_sections button:contains("Clients")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Comptes clients")',
            run: "click",
        },
        {
            content: "The list's title is French",
            trigger: '.o_breadcrumb:contains("Comptes clients")',
        },
        {
            content: "Create a customer account",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "A new account starts awaiting signature",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Attente de signature")',
        },
        {
            trigger: '.o_field_widget[name="name"] textarea, .o_field_widget[name="name"] input',
            run: "edit Fromagerie Durand",
        },
        {
            trigger: '.o_field_widget[name="trade_name"] input',
            run: "edit La Cave à Fromages",
        },
        {
            content: "Add a contact",
            trigger: '.o_field_widget[name="child_ids"] .o-kanban-button-new',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="lastname"] input',
            run: "edit Durand",
        },
        {
            trigger: '.modal .o_field_widget[name="firstname"] input',
            run: "edit Sophie",
        },
        {
            trigger: '.modal .o_field_widget[name="mobile"] input',
            run: "edit 06 12 34 56 78",
        },
        {
            content: "Save the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="child_ids"] .o_kanban_record:contains("Sophie Durand")',
        },
        ...stepUtils.saveForm(),
        {
            content: "Saved: the billing account number is given",
            trigger: '.o_field_widget[name="customer_reference"] input:value(/^CL\\d{4}$/)',
        },
        {
            content: "The contact's mobile (stored in E.164) reads as a French user reads it",
            trigger: '.o_field_widget[name="child_ids"] .o_kanban_record:contains("06 12 34 56 78")',
        },
        {
            content: "Sign it",
            trigger: 'button[name="action_mark_signed"]:contains("Marquer comme signé")',
            run: "click",
        },
        {
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Signé")',
        },
    ],
});
