/** A sales assistant, in French, confirms a line creation; then reads it done. */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function openOrders() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Comptes clients")',
        },
        {
            trigger: '.o_menu_sections button:contains("Parc")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Provisionnement")',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Commandes de provisionnement")',
        },
        {
            trigger: '.o_data_row td:contains("PRV")',
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("softwhere_provisioning_confirm_tour", {
    url: "/odoo",
    steps: () => [
        ...openOrders(),
        {
            content: "A line creation, on the plan chosen",
            trigger: '.o_field_widget[name="operation_ids"] .o_data_row:contains("Créer une ligne"):contains("Forfait Pro Illimité 20Go Orange")',
        },
        {
            trigger: 'button[name="action_confirm"]:contains("Confirmer")',
            run: "click",
        },
        {
            content: "Confirmed: a SIM card is reserved for the line",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Confirmée")',
        },
        {
            trigger: '.o_field_widget[name="operation_ids"] .o_data_row td[name="sim_lot_id"]:contains("8933")',
        },
    ],
});

registry.category("web_tour.tours").add("softwhere_provisioning_done_tour", {
    url: "/odoo",
    steps: () => [
        ...openOrders(),
        {
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Terminé")',
        },
        {
            content: "The number the supplier gave",
            trigger: '.o_field_widget[name="operation_ids"] .o_data_row td[name="supplier_number"]:contains("0")',
        },
        {
            trigger: ".o_notebook_headers a:contains(\"Appels d'API\")",
            run: "click",
        },
        {
            content: "Both platforms said yes",
            trigger: '.o_field_widget[name="call_ids"] .o_data_row:contains("create_line"):contains("Fournisseur")',
        },
        {
            trigger: '.o_field_widget[name="call_ids"] .o_data_row:contains("create_service"):contains("Facturation (Cfast)")',
        },
    ],
});
