package dev.switchboard;

import java.util.List;

/**
 * What a configuration reload did, by server name.
 *
 * @param added servers new in the configuration, now connecting or connected
 * @param removed servers no longer in the configuration, now closed
 * @param changed servers whose settings changed, closed and connected again with the new settings
 * @param unchanged servers whose settings are the same; their sessions were not touched
 */
public record ReloadResult(List<String> added, List<String> removed, List<String> changed, List<String> unchanged) {
    public ReloadResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }
}
