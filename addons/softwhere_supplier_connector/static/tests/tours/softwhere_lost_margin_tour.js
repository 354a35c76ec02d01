/** A manager, in French, opens the lost-margin dashboard and follows a gap to its line. */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("softwhere_lost_margin_tour", {
    url: "/odoo",
    steps: () => [
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
            trigger: '.dropdown-item:contains("Marge perdue")',
            run: "click",
        },
        {
            content: "The dashboard opens on the graph of the margin lost",
            trigger: '.o_breadcrumb:contains("Marge perdue")',
        },
        {
            trigger: ".o_graph_renderer canvas",
        },
        {
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The line whose operator charges more than planned",
            trigger: ".o_data_row:contains(\"Prix d'achat au-dessus du prévu\") td.o_data_cell:first",
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="detail"]:contains("au lieu de")',
        },
        {
            trigger: 'button[name="action_open_line"].oe_stat_button',
            run: "click",
        },
        {
            content: "The line warns that the supplier's park differs",
            trigger: '.alert-warning:contains("Le parc du fournisseur diffère")',
        },
        {
            trigger: '.o_notebook_headers a:contains("Écarts fournisseur")',
            run: "click",
        },
        {
            trigger: ".o_data_row:contains(\"Prix d'achat au-dessus du prévu\")",
        },
        {
            trigger: '.o_menu_sections button:contains("Parc")',
            run: "click",
        },
        {
            content: "The other direction: billed, not in place at the operator",
            trigger: '.dropdown-item:contains("Exposition aux litiges")',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb:contains("Exposition aux litiges")',
        },
        {
            content: "Its graph measures the dispute exposure",
            trigger: '.o_graph_view .o_graph_renderer canvas',
        },
        {
            trigger: "button.btn-primary:has(i.fa-caret-down)",
            run: "click",
        },
        {
            trigger: '.dropdown-menu .o_menu_item.selected:contains("Exposition aux litiges")',
        },
        {
            trigger: '.o_menu_sections button:contains("Parc")',
            run: "click",
        },
        {
            content: "One direction: in place at the operator, not billed",
            trigger: ".dropdown-item:contains(\"Chiffre d'affaires à risque\")",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains(\"Chiffre d'affaires à risque\")",
        },
        {
            trigger: "button.btn-primary:has(i.fa-caret-down)",
            run: "click",
        },
        {
            content: "Its graph measures the revenue at risk",
            trigger: ".dropdown-menu .o_menu_item.selected:contains(\"Chiffre d'affaires à risque\")",
        },
        {
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows both directions side by side",
            trigger:
                ".o_pivot th:contains(\"Chiffre d'affaires à risque\") ~ th:contains(\"Exposition aux litiges\"), .o_pivot thead:contains(\"Chiffre d'affaires à risque\"):contains(\"Exposition aux litiges\")",
        },
    ],
});
