/**
 * A billing clerk's first customer, in French: the account in France with its SIRET and
 * a contact, its billing site, then a mobile service whose first line is added before the
 * service is saved, with a plan from the mobile catalogues only.
 */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("softwhere_clerk_day_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections button:contains("Clients")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Comptes clients")',
            run: "click",
        },
        {
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "A new customer is in France: its SIRET is asked for at once",
            trigger: '.o_field_widget[name="country_id"] input:value("France")',
        },
        {
            trigger: '.o_field_widget[name="name"] textarea, .o_field_widget[name="name"] input',
            run: "edit Plomberie Martin SARL",
        },
        {
            trigger: '.o_field_widget[name="company_registry"] input',
            run: "edit 73282932000074",
        },
        {
            content: "Add a contact",
            trigger: '.o_field_widget[name="child_ids"] .o-kanban-button-new',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="softwhere_civility"] input, .modal .o_field_widget[name="softwhere_civility"] .o_select_menu_toggler',
            run: "click",
        },
        {
            trigger: '.o_select_menu_menu .o_select_menu_item:contains("Madame")',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="lastname"] input',
            run: "edit Martin",
        },
        {
            trigger: '.modal .o_field_widget[name="firstname"] input',
            run: "edit Sophie",
        },
        {
            trigger: '.modal .o_field_widget[name="mobile"] input',
            run: "edit +33612345678",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "The contact's card: her civility, her mobile as a French user reads it",
            trigger:
                '.o_field_widget[name="child_ids"] .o_kanban_record:contains("Madame"):contains("Sophie Martin"):contains("06 12 34 56 78")',
        },
        {
            content: "Its billing site was made with it",
            trigger: 'button[name="action_view_billing_sites"]',
            run: "click",
        },
        {
            content: "The site is told apart from its customer in the breadcrumb",
            trigger: '.o_breadcrumb:contains("Plomberie Martin SARL (facturation)")',
        },
        {
            content: "No Cfast ID on a site made here",
            trigger: '.o_form_view:not(:has(.o_field_widget[name="cfast_billing_point_id"]))',
        },
        {
            trigger: '.o_field_widget[name="periodicity"] input, .o_field_widget[name="periodicity"] .o_select_menu_toggler',
            run: "click",
        },
        {
            trigger: '.o_select_menu_menu .o_select_menu_item:contains("Trimestrielle")',
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            trigger: '.o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a:contains("Plomberie Martin SARL")',
            run: "click",
        },
        {
            trigger: 'button[name="action_view_services"]',
            run: "click",
        },
        {
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new, .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The service is the customer's",
            trigger: '.o_field_widget[name="partner_id"] input:value("Plomberie Martin SARL")',
        },
        {
            trigger: '.o_field_widget[name="service_type"] input, .o_field_widget[name="service_type"] .o_select_menu_toggler',
            run: "click",
        },
        {
            trigger: '.o_select_menu_menu .o_select_menu_item:contains("Mobile")',
            run: "click",
        },
        {
            content: "A line added before the service is saved",
            trigger: '.o_field_widget[name="line_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="name"] input',
            run: "edit 06 71 23 45 89",
        },
        {
            trigger: '.modal .o_field_widget[name="first_name"] input',
            run: "edit Sophie",
        },
        {
            trigger: '.modal .o_field_widget[name="last_name"] input',
            run: "edit Martin",
        },
        {
            content: "Its service is the one behind: not to be chosen",
            trigger: '.modal .o_form_view:not(:has(.o_field_widget[name="service_id"] input))',
        },
        {
            trigger: '.modal .o_field_widget[name="article_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "A mobile service is offered no internet article",
            trigger: '.modal .o_field_widget[name="article_ids"] .o_field_widget[name="product_id"] input',
            run: "edit Fibre",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o_m2o_no_result",
        },
        {
            trigger: '.modal .o_field_widget[name="article_ids"] .o_field_widget[name="product_id"] input',
            run: "edit Illimité 20Go",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Forfait Pro Illimité 20Go Orange")',
            run: "click",
        },
        {
            trigger: '.modal .o_field_widget[name="article_ids"] .o_field_widget[name="date_start"] input',
            run: "edit 01/11/2026",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The line is in the service's list, its columns whole",
            trigger: '.o_field_widget[name="line_ids"] .o_data_row:contains("Sophie"):contains("Martin"):contains("19,90")',
        },
        ...stepUtils.saveForm(),
        {
            content: "Saved with its line",
            trigger: 'button[name="action_view_lines"] .o_stat_value:contains("1")',
        },
    ],
});
