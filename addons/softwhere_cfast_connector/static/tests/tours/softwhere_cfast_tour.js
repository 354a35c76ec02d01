/** A connector administrator, in French, presses "Sync now" on the Cfast backend. */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("softwhere_cfast_sync_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            content: "The application is open on its customer accounts",
            trigger: '.o_breadcrumb:contains("Comptes clients")',
        },
        {
            trigger: '.o_menu_sections button:contains("Configuration")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Cfast"):not(:contains("Journaux"))',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Cfast")',
        },
        {
            trigger: '.o_data_row td:contains("Cfast du tour")',
            run: "click",
        },
        {
            content: "The token is hidden even from its administrator's eyes",
            trigger: '.o_field_widget[name="token"] input[type="password"]',
        },
        {
            trigger: 'button[name="action_test_connection"]:contains("Tester la connexion")',
            run: "click",
        },
        {
            trigger: '.o_notification:contains("fonctionne")',
        },
        {
            trigger: 'button[name="action_sync_now"]:contains("Synchroniser")',
            run: "click",
        },
        {
            content: "The sync is queued",
            trigger: '.o_notification:contains("La synchronisation est en file")',
        },
        {
            content: "The form shows the sync running at once",
            trigger: '.alert-info[role="status"]:contains("Synchronisation en cours")',
        },
        {
            content: "The log fills in while it runs: the customers are done, the banner stays",
            trigger:
                '.o_form_view:has(.alert-info[role="status"]) .o_field_widget[name="sync_log_ids"] .o_data_row:contains("Clients"):contains("Terminé")',
            timeout: 30000,
        },
        {
            content: "Wherever the administrator is, a notification says the sync is done",
            trigger: '.o_notification:contains("Synchronisation terminée"):contains("0 en erreur")',
            timeout: 60000,
        },
        {
            content: "Done: the banner is gone, the lines' log finished",
            trigger:
                '.o_form_view:not(:has(.alert-info[role="status"])) .o_field_widget[name="sync_log_ids"] .o_data_row:contains("Services (lignes)"):contains("Terminé")',
            timeout: 30000,
        },
    ],
});

/** The jobs have run: the sync log says what came. */
registry.category("web_tour.tours").add("softwhere_cfast_log_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            content: "The application is open on its customer accounts",
            trigger: '.o_breadcrumb:contains("Comptes clients")',
        },
        {
            trigger: '.o_menu_sections button:contains("Configuration")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Journaux de synchronisation Cfast")',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Journaux de synchronisation Cfast")',
        },
        {
            content: "Four resources synced, each done",
            trigger: '.o_data_row:contains("Services (lignes)"):contains("Terminé")',
        },
        {
            trigger: '.o_data_row:contains("Clients"):contains("Terminé")',
        },
        {
            trigger: '.o_data_row:contains("Services (lignes)") td:contains("Services")',
            run: "click",
        },
        {
            content: "25 lines created over 3 pages",
            trigger: '.o_field_widget[name="created_count"]:contains("25")',
        },
        {
            trigger: '.o_field_widget[name="page_count"]:contains("3")',
        },
        {
            trigger: '.o_menu_sections button:contains("Configuration")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Cfast"):not(:contains("Journaux"))',
            run: "click",
        },
        {
            trigger: '.o_data_row td:contains("Cfast du tour")',
            run: "click",
        },
        {
            content: "Done: no banner any more, the backend's logs each finished",
            trigger:
                '.o_form_view:not(:has(.alert-info[role="status"])) .o_field_widget[name="sync_log_ids"] .o_data_row:contains("Services (lignes)"):contains("Terminé")',
        },
    ],
});
