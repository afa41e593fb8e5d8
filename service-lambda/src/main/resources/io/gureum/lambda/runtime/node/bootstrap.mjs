// Gureum's Lambda runtime for Node.js.
//
// Loads the handler named by _HANDLER from LAMBDA_TASK_ROOT (CommonJS or ES module), then serves
// invocations from the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

const [apiHost, apiPort] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const taskRoot = process.env.LAMBDA_TASK_ROOT;
let currentRequestId;

function call(method, resource, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const request = http.request({
      host: apiHost, port: apiPort, method, path: '/2018-06-01/runtime' + resource, agent: false,
      headers: data ? { ...headers, 'Content-Length': data.length } : headers,
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(data);
  });
}

// Lambda's console: each line carries the time, the request id and the level.
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`);
    };
  }
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

function errorDocument(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack || '').split('\n') };
  }
  if (typeof error === 'object' && error !== null) {
    return { errorType: 'object', errorMessage: JSON.stringify(error), trace: [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    // Only the package decides, as in Lambda where nothing above /var/task is visible.
    if (dir === path.resolve(taskRoot) || dir === path.dirname(dir)) return false;
  }
}

async function loadModule(modulePath) {
  const base = path.resolve(taskRoot, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  }
  try {
    if (isEsm(file)) return await import(pathToFileURL(file).href);
    return createRequire(file)(file);
  } catch (error) {
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', `${error.name}: ${error.message}`);
    }
    if (error instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    }
    throw error;
  }
}

async function loadHandler(setting) {
  const slash = setting.lastIndexOf('/');
  const dot = setting.indexOf('.', slash + 1);
  if (dot < 0) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = setting.slice(0, dot);
  const functionPath = setting.slice(dot + 1).split('.');
  const loaded = await loadModule(modulePath);
  const find = (root) => functionPath.reduce((value, key) => (value == null ? undefined : value[key]), root);
  let handler = find(loaded);
  if (handler === undefined && loaded && loaded.default) handler = find(loaded.default);
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${path.basename(modulePath)}.${functionPath.join('.')} is undefined or not exported`);
  }
  return handler;
}

function makeContext(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const clientContext = headers['lambda-runtime-client-context'];
  const identity = headers['lambda-runtime-cognito-identity'];
  return {
    callbackWaitsForEmptyEventLoop: true,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: clientContext ? JSON.parse(clientContext) : undefined,
    identity: identity ? JSON.parse(identity) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

// Promise handlers answer when the promise settles; callback handlers when they call back and, unless
// context.callbackWaitsForEmptyEventLoop is false, once the event loop is empty (as Lambda's runtime does).
function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const finish = (error, result) => {
      if (answered) return;
      answered = true;
      const settle = () => (error != null ? reject(error) : resolve(result));
      if (context.callbackWaitsForEmptyEventLoop) process.once('beforeExit', settle);
      else settle();
    };
    context.done = finish;
    context.succeed = (result) => finish(null, result);
    context.fail = (error) => finish(error ?? 'handled');
    let returned;
    try {
      returned = handler(event, context, finish);
    } catch (error) {
      answered = true;
      reject(error);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((result) => { if (!answered) { answered = true; resolve(result); } },
        (error) => { if (!answered) { answered = true; reject(error); } });
    } else if (handler.length < 3) {
      // A synchronous handler that never calls back answers null once the event loop is empty.
      process.once('beforeExit', () => finish(null, null));
    }
  });
}

// Response streaming (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html): the
// awslambda global Lambda's Node.js runtime provides, and the Runtime API's streaming response mode.
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';

class HttpResponseStream {
  // The prelude (statusCode, headers, cookies) a function URL turns into the HTTP response's head, then eight NULs.
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType(HTTP_INTEGRATION);
    underlyingStream.write(JSON.stringify(prelude ?? {}));
    underlyingStream.write(new Uint8Array(8));
    return underlyingStream;
  }
}

globalThis.awslambda = {
  streamifyResponse(handler) {
    handler[STREAMING] = 'response';
    return handler;
  },
  HttpResponseStream,
};

// The body of a streamed response: one chunk of the POST per write, as the handler writes; the write's
// callback waits until the chunk has left, so a slow reader slows the handler.
function responseStream(requestId) {
  let contentType = 'application/octet-stream';
  let request;
  let answered;
  const open = () => {
    if (request) return request;
    request = http.request({
      host: apiHost, port: apiPort, method: 'POST', agent: false,
      path: `/2018-06-01/runtime/invocation/${requestId}/response`,
      headers: {
        'Content-Type': contentType, 'Lambda-Runtime-Function-Response-Mode': 'streaming',
        'Transfer-Encoding': 'chunked', Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      },
    });
    answered = new Promise((resolve, reject) => {
      request.on('response', (response) => { response.resume(); response.on('end', resolve); });
      request.on('error', reject);
    });
    request.flushHeaders();
    return request;
  };
  const stream = new Writable({
    write(chunk, encoding, callback) {
      open().write(chunk, callback);
    },
  });
  stream.setContentType = (type) => {
    if (request) throw new Error('Content type must be set before the first write');
    contentType = type;
  };
  stream.close = async (error) => {
    const req = open();
    if (error !== undefined) {
      const document = errorDocument(error);
      console.error('Invoke Error \t', JSON.stringify(document));
      req.addTrailers({
        'Lambda-Runtime-Function-Error-Type': document.errorType,
        'Lambda-Runtime-Function-Error-Body': Buffer.from(JSON.stringify(document)).toString('base64'),
      });
    }
    req.end();
    await answered;
  };
  return stream;
}

async function runStreaming(handler, event, context, requestId) {
  const stream = responseStream(requestId);
  try {
    await handler(event, stream, context);
    if (!stream.writableEnded) stream.end();
    await finished(stream);
  } catch (error) {
    await stream.close(error ?? new Error('Unknown error'));
    return;
  }
  await stream.close();
}

async function postError(resource, error, label) {
  const document = errorDocument(error);
  console.error(label, JSON.stringify(document));
  await call('POST', resource, JSON.stringify(document), {
    'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': document.errorType,
  });
}

async function main() {
  patchConsole();
  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER || '');
  } catch (error) {
    await postError('/init/error', error, 'Uncaught Exception \t');
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', '/invocation/next');
    if (next.status !== 200) process.exit(1);
    const requestId = next.headers['lambda-runtime-aws-request-id'];
    currentRequestId = requestId;
    const traceId = next.headers['lambda-runtime-trace-id'];
    if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    let event;
    try {
      event = next.body.length ? JSON.parse(next.body.toString('utf8')) : undefined;
    } catch (error) {
      await postError(`/invocation/${requestId}/error`, new RuntimeError('Runtime.UnmarshalError', `Unable to parse input as JSON: ${error.message}`), 'Invoke Error \t');
      continue;
    }
    if (handler[STREAMING] === 'response') {
      try {
        await runStreaming(handler, event, makeContext(next.headers), requestId);
      } catch (error) {
        console.error('Invoke Error \t', JSON.stringify(errorDocument(error)));
      }
      continue;
    }
    try {
      const result = await runHandler(handler, event, makeContext(next.headers));
      const body = JSON.stringify(result === undefined ? null : result);
      await call('POST', `/invocation/${requestId}/response`, body, { 'Content-Type': 'application/json' });
    } catch (error) {
      await postError(`/invocation/${requestId}/error`, error, 'Invoke Error \t');
    }
  }
}

process.on('unhandledRejection', (reason) => {
  console.error('Unhandled Promise Rejection \t', JSON.stringify(errorDocument(reason)));
  process.exit(128);
});

main();
