/** Steps the SoftWhere tours share. */
import { stepUtils } from "@web_tour/tour_utils";

/** From the apps menu, open SoftWhere's ``section`` menu, then its ``item``. */
export function openSoftwhereMenu(section, item) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="softwhere_client.softwhere_menu_root"]',
            run: "click",
        },
        {
            trigger: `.o_menu_sections button:contains("${section}")`,
            run: "click",
        },
        {
            trigger: `.dropdown-item:contains("${item}")`,
            run: "click",
        },
    ];
}
