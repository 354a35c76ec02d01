/** A customer, in French, finds its line from /my and asks for another plan. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("softwhere_portal_change_plan_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The customer's billing sites, once /my counted them",
            trigger: '.o_portal_index_card a[href="/my/billing_sites"]:contains("Sites de facturation")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: '.o_portal_my_doc_table a:contains("Boulangerie Martin")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The SEPA mandate, its IBAN masked",
            trigger: '.o_softwhere_mandate .o_softwhere_iban:contains("FR76 **** **** **** **** **** 396")',
        },
        {
            trigger: '.o_softwhere_portal_site .o_portal_my_doc_table a:contains("Boulangerie Martin")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: '.o_softwhere_portal_service a:contains("0612345678")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The line, its plan and options",
            trigger: '.o_softwhere_line_number:contains("0612345678")',
        },
        {
            trigger: '.o_softwhere_article_subscription:contains("Forfait Pro Illimité 20Go Orange")',
        },
        {
            trigger: ".o_softwhere_hide_called_numbers:contains('Oui')",
        },
        {
            trigger: 'form.o_softwhere_change_plan select[name="product_id"]',
            run: "selectByLabel Forfait Pro Illimité 100Go Orange",
        },
        {
            trigger: 'form.o_softwhere_change_plan button[type="submit"]:contains("Demander ce forfait")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request sent, waiting for staff",
            trigger: ".o_softwhere_request_sent",
        },
        {
            trigger: '.o_softwhere_requests tr:contains("Forfait Pro Illimité 100Go Orange") .o_softwhere_request_state:contains("En attente de validation")',
        },
    ],
});
