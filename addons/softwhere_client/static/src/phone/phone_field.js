/**
 * Odoo's phone field showing a French number as a French user reads it: stored in
 * E.164 (+33612345678), it shows as 06 12 34 56 78, in the input as in lists and
 * cards. Other countries' numbers show as stored; the link dials the stored number
 * and what is typed is saved as typed (the server stores it in E.164 again).
 *
 *     <field name="phone" widget="softwhere_phone"/>
 */
import { registry } from "@web/core/registry";
import { useInputField } from "@web/views/fields/input_field_hook";
import { formPhoneField, PhoneField, phoneField } from "@web/views/fields/phone/phone_field";

/** ``+33612345678`` → ``06 12 34 56 78``; anything else unchanged. */
export function frenchPhone(value) {
    const match = /^\+33(\d{9})$/.exec(value || "");
    return match ? `0${match[1]}`.replace(/(\d\d)(?!$)/g, "$1 ") : value || "";
}

export class SoftwherePhoneField extends PhoneField {
    static template = "softwhere_client.PhoneField";

    setup() {
        useInputField({ getValue: () => this.displayed });
    }

    get displayed() {
        return frenchPhone(this.props.record.data[this.props.name]);
    }
}

export class SoftwhereFormPhoneField extends SoftwherePhoneField {
    static template = "softwhere_client.FormPhoneField";
}

registry.category("fields").add("softwhere_phone", {
    ...phoneField,
    component: SoftwherePhoneField,
});
registry.category("fields").add("form.softwhere_phone", {
    ...formPhoneField,
    component: SoftwhereFormPhoneField,
});
