"""Gureum's Lambda runtime for Python.

Loads the handler named by _HANDLER from LAMBDA_TASK_ROOT, then serves invocations from the Lambda
Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) until the process is stopped.
"""
import decimal
import importlib
import json
import logging
import os
import sys
import time
import traceback
import http.client

_HOST = os.environ["AWS_LAMBDA_RUNTIME_API"]
_PREFIX = "/2018-06-01/runtime"
# One keep-alive connection to the Runtime API (loopback; http.client never uses a proxy).
_connection = None
_request_id = ""


def _call(method, path, body=None, headers=None):
    global _connection
    # A GET may be retried once on a fresh connection; a POST is never sent twice.
    for attempt in (0, 1):
        if _connection is None:
            _connection = http.client.HTTPConnection(_HOST)
        try:
            _connection.request(method, _PREFIX + path, body=body, headers=headers or {})
            answer = _connection.getresponse()
            return answer.status, answer.headers, answer.read()
        except (http.client.HTTPException, OSError):
            # e.g. a response over the payload limit: Lambda answers 413 and closes before reading it all
            _connection.close()
            _connection = None
            if method != "GET" or attempt == 1:
                return 0, {}, b""


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


class InitError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


class CognitoIdentity:
    def __init__(self, document):
        self.cognito_identity_id = document.get("cognitoIdentityId")
        self.cognito_identity_pool_id = document.get("cognitoIdentityPoolId")


class Client:
    def __init__(self, document):
        self.installation_id = document.get("installation_id")
        self.app_title = document.get("app_title")
        self.app_version_name = document.get("app_version_name")
        self.app_version_code = document.get("app_version_code")
        self.app_package_name = document.get("app_package_name")


class ClientContext:
    def __init__(self, document):
        client = document.get("client")
        self.client = Client(client) if client else None
        self.custom = document.get("custom")
        self.env = document.get("env")


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context, identity):
        self.aws_request_id = request_id
        self.invoked_function_arn = invoked_function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = client_context
        self.identity = identity
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id
        return True


def _install_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_RequestIdFilter())
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                                  "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    logging.getLogger().addHandler(handler)


def _user_frames(error):
    frames = traceback.extract_tb(error.__traceback__)
    here = os.path.abspath(__file__)
    return [frame for frame in frames if os.path.abspath(frame.filename) != here
            and not frame.filename.startswith("<frozen importlib")]


def _error_document(error, request_id):
    error_type = getattr(error, "error_type", None) or type(error).__name__
    return {"errorMessage": str(error), "errorType": error_type, "requestId": request_id,
            "stackTrace": traceback.format_list(_user_frames(error))}


def _log_error(document):
    lines = ["[ERROR] " + document["errorType"] + ": " + document["errorMessage"]]
    if document["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(entry.rstrip("\n") for entry in document["stackTrace"])
    print("\n".join(lines), flush=True)


def _load_handler(setting):
    try:
        module_path, function_name = setting.rsplit(".", 1)
    except ValueError as error:
        raise InitError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (setting, error))
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error))
    except SyntaxError as error:
        raise InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error))
    handler = getattr(module, function_name, None)
    if handler is None:
        raise InitError("Runtime.HandlerNotFound",
                        "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


def _json_default(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def _post_error(path, document):
    _log_error(document)
    _flush()
    body = json.dumps(document).encode("utf-8")
    _call("POST", path, body, {"Content-Type": "application/json",
                               "Lambda-Runtime-Function-Error-Type": document["errorType"]})


def _invoke(handler, headers, body):
    global _request_id
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    _request_id = request_id
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    client_context = headers.get("Lambda-Runtime-Client-Context")
    identity = headers.get("Lambda-Runtime-Cognito-Identity")
    context = LambdaContext(request_id, int(headers.get("Lambda-Runtime-Deadline-Ms", "0")),
                            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
                            ClientContext(json.loads(client_context)) if client_context else None,
                            CognitoIdentity(json.loads(identity)) if identity else CognitoIdentity({}))
    try:
        event = json.loads(body) if body else None
    except ValueError as error:
        _post_error("/invocation/%s/error" % request_id,
                    {"errorMessage": "Unable to unmarshal input: %s" % error, "errorType": "Runtime.UnmarshalError",
                     "requestId": request_id, "stackTrace": []})
        return
    try:
        result = handler(event, context)
    except Exception as error:
        _post_error("/invocation/%s/error" % request_id, _error_document(error, request_id))
        return
    try:
        payload = json.dumps(result, default=_json_default).encode("utf-8")
    except (TypeError, ValueError) as error:
        _post_error("/invocation/%s/error" % request_id,
                    {"errorMessage": "Unable to marshal response: %s" % error, "errorType": "Runtime.MarshalError",
                     "requestId": request_id, "stackTrace": []})
        return
    _flush()
    _call("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})


def main():
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    _install_logging()
    try:
        handler = _load_handler(os.environ.get("_HANDLER", ""))
    except Exception as error:
        document = _error_document(error, "")
        if isinstance(error, InitError):
            document["stackTrace"] = []
        _post_error("/init/error", document)
        sys.exit(1)
    while True:
        status, headers, body = _call("GET", "/invocation/next")
        if status != 200:
            sys.exit(1)
        _invoke(handler, headers, body)


if __name__ == "__main__":
    main()
