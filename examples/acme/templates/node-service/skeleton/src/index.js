'use strict';

const http = require('node:http');

const name = '${{ values.name }}';
const port = Number(process.env.PORT || '${{ values.port }}');

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', service: name }));
    return;
  }
  res.writeHead(404);
  res.end();
});

server.listen(port, () => {
  console.log(`${name} listening on port ${port}`);
});
