// Preloaded into mcp-hub (node --require): it listens on every interface and has no option for the host, so a
// listen(port) without a host is bound to 127.0.0.1 here. Nothing of the benchmark may listen beyond loopback.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if ((typeof args[0] === 'number' || typeof args[0] === 'string') && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
