/** A customer, on a phone, reads its line: the status of its request, the plan's price. */
import { registry } from "@web/core/registry";

/** The element's right edge is inside its table's scroll box: read without scrolling. */
function assertWholeInTable(selector) {
    for (const element of document.querySelectorAll(selector)) {
        const box = element.closest(".table-responsive").getBoundingClientRect();
        const right = element.getBoundingClientRect().right;
        if (right > box.right + 0.5) {
            throw new Error(
                `${selector} "${element.textContent.trim()}" cut on a phone: ` +
                    `${right} px > ${box.right} px`
            );
        }
    }
}

registry.category("web_tour.tours").add("softwhere_portal_phone_tour", {
    steps: () => [
        {
            content: "The line's request, waiting for staff",
            trigger:
                '.o_softwhere_requests .o_softwhere_request_state:contains("En attente de validation")',
            run() {
                assertWholeInTable(".o_softwhere_requests .o_softwhere_request_state");
            },
        },
        {
            content: "The plan's monthly price",
            trigger: ".o_softwhere_article_subscription td.text-end span",
            run() {
                assertWholeInTable(".o_softwhere_portal_line td.text-end span");
            },
        },
    ],
});
