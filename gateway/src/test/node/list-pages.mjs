// Lists every tool page by page, following nextCursor until there is none.
// Prints {"page": n, "tools": [...], "nextCursor": ...} per page, then {"listed": [...all names...], "pages": n}.
import { connect, emit, run } from './lib.mjs';

run(async () => {
    const { client } = await connect();
    const listed = [];
    let cursor;
    let pages = 0;
    do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        pages++;
        const tools = page.tools.map(t => t.name);
        emit({ page: pages, tools, nextCursor: page.nextCursor ?? null });
        listed.push(...tools);
        cursor = page.nextCursor;
        if (pages > 100) {
            throw new Error(`still paging after 100 pages: the cursor does not advance (last: ${cursor})`);
        }
    } while (cursor !== undefined);
    emit({ listed, pages });
    await client.close();
});
