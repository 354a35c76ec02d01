/**
 * A form that follows work done in the background (an invoice run, a
 * provisioning order, a sync): while the record's ``while_field`` (``state`` by
 * default) is one of ``while_states``, it is read again from the server every
 * ``interval`` milliseconds, unless the user is editing it.
 *
 *     <widget name="softwhere_autorefresh" while_states="running,posting"/>
 *     <widget name="softwhere_autorefresh" while_field="sync_running" while_states="true"/>
 */
import { Component, onMounted, onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

export class AutoRefresh extends Component {
    static template = "softwhere_client.AutoRefresh";
    static props = {
        ...standardWidgetProps,
        field: { type: String },
        states: { type: Array },
        interval: { type: Number },
    };

    setup() {
        onMounted(() => {
            this.timer = setInterval(() => this.refresh(), this.props.interval);
        });
        onWillUnmount(() => clearInterval(this.timer));
    }

    async refresh() {
        const record = this.props.record;
        if (
            this.busy ||
            record.isNew ||
            !this.props.states.includes(String(record.data[this.props.field])) ||
            (await record.isDirty())
        ) {
            return;
        }
        this.busy = true;
        try {
            await record.load();
        } finally {
            this.busy = false;
        }
    }
}

export const autoRefreshWidget = {
    component: AutoRefresh,
    extractProps: ({ attrs }) => ({
        field: attrs.while_field || "state",
        states: (attrs.while_states || "").split(",").map((state) => state.trim()),
        interval: parseInt(attrs.interval || "2000", 10),
    }),
};

registry.category("view_widgets").add("softwhere_autorefresh", autoRefreshWidget);
