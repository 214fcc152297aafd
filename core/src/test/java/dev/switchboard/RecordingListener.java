package dev.switchboard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it hears, with the name of the thread it heard it on. */
public final class RecordingListener implements SwitchboardListener {
    /** One event as heard. */
    public record Heard(SwitchboardEvent event, String thread) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    public List<Heard> heard() {
        return List.copyOf(heard);
    }

    public List<SwitchboardEvent> events() {
        return heard.stream().map(Heard::event).toList();
    }

    /** The events of one kind, in the order heard. */
    public <T extends SwitchboardEvent> List<T> of(Class<T> kind) {
        return heard.stream().map(Heard::event).filter(kind::isInstance).map(kind::cast).toList();
    }

    private void add(SwitchboardEvent e) {
        heard.add(new Heard(e, Thread.currentThread().getName()));
    }

    @Override
    public void serverStateChanged(SwitchboardEvent.ServerStateChanged event) {
        add(event);
    }

    @Override
    public void healthChanged(SwitchboardEvent.HealthChanged event) {
        add(event);
    }

    @Override
    public void catalogChanged(SwitchboardEvent.CatalogChanged event) {
        add(event);
    }

    @Override
    public void breakerChanged(SwitchboardEvent.BreakerChanged event) {
        add(event);
    }

    @Override
    public void callFinished(SwitchboardEvent.CallFinished event) {
        add(event);
    }

    @Override
    public void configReloaded(SwitchboardEvent.ConfigReloaded event) {
        add(event);
    }
}
