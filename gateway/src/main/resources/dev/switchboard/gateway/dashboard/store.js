// What the page knows, shared by the views: the caller, each server's status, and the events since the page opened.
// The event stream keeps it current: a server's status is read again (at most every half second) when an event
// concerns it, and every server's when events were dropped or the stream reconnected.

import {api} from './api.js';

const MAX_EVENTS = 500;

export const store = {
  me: null,
  servers: new Map(),
  events: [],
  live: false,
  listeners: new Set(),

  /** Calls fn(what) on every change: 'servers', 'events' or 'live'. Returns the function that stops it. */
  watch(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  },

  changed(what) {
    for (const fn of this.listeners) fn(what);
  },

  async loadServers() {
    const answer = await api('/servers');
    this.servers = new Map(answer.servers.map((s) => [s.name, s]));
    this.changed('servers');
  },

  put(server) {
    this.servers.set(server.name, server);
    this.changed('servers');
  },

  pending: new Map(),

  /** Reads one server's status again soon; repeated requests within the pause are one. */
  refresh(name) {
    if (this.pending.has(name)) return;
    this.pending.set(name, setTimeout(async () => {
      this.pending.delete(name);
      try {
        this.put(await api(`/servers/${encodeURIComponent(name)}`));
      } catch (e) {
        if (e.status === 404) {
          this.servers.delete(name);
          this.changed('servers');
        }
      }
    }, 500));
  },

  /** One event of the stream. */
  hear(kind, event) {
    if (kind === 'open') {
      this.loadServers().catch(() => {});
      return;
    }
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.shift();
    this.changed('events');
    const server = event.server && this.servers.get(event.server);
    if (server && kind === 'state') {
      // Shown at once; the full status follows.
      server.state = event.details.state;
      server.restarts = event.details.restarts;
      if (event.details.lastError) server.lastError = event.details.lastError;
      this.changed('servers');
    }
    if (kind === 'reload' || kind === 'dropped') this.loadServers().catch(() => {});
    else if (event.server) this.refresh(event.server);
  },
};
