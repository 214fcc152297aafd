// The session's GET stream, cut after the first list_changed notification and resumed by the SDK with Last-Event-ID.
// The test changes the catalog twice when asked: once while the stream is connected, once while it is cut (the
// stream is cut once the SDK has handled the first change's tools/list_changed).
// args: mode, 'drop' or 'tap' (see lib.mjs).
// - drop: the connection is closed for real; the SDK's resuming GET goes out once the test has made the second change.
// - tap: the script goes on reading what the gateway sends on the cut connection, and lets the SDK's resuming GET go
//   out once the second change has arrived there, so it knows exactly what the SDK missed.
// Prints {"notifications": [...methods the SDK handled...], "connections": [...]}.
import { args, ask, connect, emit, recordingFetch, run } from './lib.mjs';

const LIST_CHANGED = 'notifications/tools/list_changed';

run(async () => {
    const [mode] = args;
    let resumeAllowed = false;
    const recorder = recordingFetch({
        beforeResume: () => recorder.changed.until(() => resumeAllowed, 20_000, 'the second catalog change')
    });
    const { client } = await connect({
        fetch: recorder.fetch,
        reconnectionOptions: { initialReconnectionDelay: 10, maxReconnectionDelay: 100, reconnectionDelayGrowFactor: 1,
            maxRetries: 3 }
    });
    const notifications = [];
    client.fallbackNotificationHandler = async n => {
        notifications.push(n.method);
        recorder.changed.bump();
    };
    const gets = resumed => recorder.connections.filter(c => c.method === 'GET' && !!c.lastEventId === resumed);
    await recorder.changed.until(() => gets(false).length > 0, 10_000, 'the SDK to open the session\'s GET stream');
    const first = gets(false)[0];

    await ask('change-the-catalog');
    await recorder.changed.until(() => notifications.includes(LIST_CHANGED), 10_000, 'the first change\'s '
        + LIST_CHANGED);
    first.cutOff(mode);
    if (mode === 'drop') {
        await recorder.changed.until(() => first.ended, 10_000, 'the cut connection to close');
    }
    await ask('change-the-catalog-again');
    if (mode === 'tap') {
        // Each change brings one tools/list_changed (and those of prompts and resources): the second one on the cut
        // connection is the second change's.
        await recorder.changed.until(() => first.events.filter(e => e.message?.method === LIST_CHANGED).length >= 2,
            10_000, 'the second change on the cut connection');
    }
    resumeAllowed = true;
    recorder.changed.bump();

    await recorder.changed.until(() => gets(true).length > 0 && first.ended, 10_000,
        'the resumed GET to replace the cut connection');
    const resumed = gets(true)[0];
    const lastSeen = first.events.findIndex(e => e.id === resumed.lastEventId);
    if (lastSeen < 0) {
        throw new Error(`the SDK resumed after ${resumed.lastEventId}, an id the cut connection never carried`);
    }
    const missed = first.events.length - lastSeen - 1; // 0 when dropped: nothing was read after the cut
    // Every event carries one notification: the SDK has handled all it read once it handled as many as the events
    // of the cut connection up to its Last-Event-ID and those of the resumed one. What the test gets is taken at
    // that moment, so that the notifications and the events match.
    let seen;
    await recorder.changed.until(() => {
        const done = resumed.events.length >= missed && notifications.length >= lastSeen + 1 + resumed.events.length
            && notifications.filter(m => m === LIST_CHANGED).length >= 2;
        seen ??= done ? { notifications: [...notifications], connections: recorder.connections.map(c => c.report()) }
            : undefined;
        return done;
    }, 10_000, 'the resumed stream to bring what the SDK missed');
    emit(seen);
    await client.close();
});
