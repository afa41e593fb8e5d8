package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CallbackTimeoutException;
import software.amazon.awssdk.services.lambda.model.DurableExecutionAlreadyStartedException;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Durable functions: a Python function that runs its own minimal durable loop with boto3 (the wire of the durable
 * execution SDKs: the invocation's DurableExecutionArn, CheckpointToken and InitialExecutionState, checkpoints and
 * state pages), replayed by Gureum after a wait on the core clock and a callback the test completes.
 */
class DurableExecutionsIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Step "double", wait "pause", callback "approval"; checks stale tokens and ClientToken replays on the way. */
    static final String DURABLE_LOOP = """
            import json, boto3
            from botocore.exceptions import ClientError

            c = boto3.client('lambda')

            def handler(event, context):
                arn = event['DurableExecutionArn']
                state = {'token': event['CheckpointToken']}
                init = event['InitialExecutionState']
                ops = {o['Id']: o for o in init.get('Operations', [])}
                marker = init.get('NextMarker')
                while marker:
                    page = c.get_durable_execution_state(DurableExecutionArn=arn, CheckpointToken=state['token'],
                                                         Marker=marker)
                    for o in page['Operations']:
                        ops[o['Id']] = o
                    marker = page.get('NextMarker')
                ex = next(o for o in ops.values() if o['Type'] == 'EXECUTION')
                inp = json.loads(ex['ExecutionDetails']['InputPayload'])

                def checkpoint(updates, token=None, client_token=None):
                    kw = {'ClientToken': client_token} if client_token else {}
                    r = c.checkpoint_durable_execution(DurableExecutionArn=arn,
                                                       CheckpointToken=token or state['token'], Updates=updates, **kw)
                    state['token'] = r['CheckpointToken']
                    for o in r['NewExecutionState'].get('Operations', []):
                        ops[o['Id']] = o
                    return r

                if inp.get('fail'):
                    return {'Status': 'FAILED', 'Error': {'ErrorType': 'OrderRejected', 'ErrorMessage': 'no stock'}}
                if ops.get('double', {}).get('Status') != 'SUCCEEDED':
                    first = state['token']
                    started = checkpoint([{'Id': 'double', 'Type': 'STEP', 'Action': 'START', 'Name': 'double'}],
                                         client_token='start-double')
                    try:
                        c.checkpoint_durable_execution(DurableExecutionArn=arn, CheckpointToken=first, Updates=[])
                        stale = 'accepted'
                    except ClientError as e:
                        stale = e.response['Error']['Code']
                    again = c.checkpoint_durable_execution(DurableExecutionArn=arn, CheckpointToken=first,
                                                           Updates=[{'Id': 'double', 'Type': 'STEP',
                                                                     'Action': 'START'}],
                                                           ClientToken='start-double')
                    same = again['CheckpointToken'] == started['CheckpointToken']
                    checkpoint([{'Id': 'double', 'Type': 'STEP', 'Action': 'SUCCEED',
                                 'Payload': json.dumps({'value': inp['n'] * 2, 'stale': stale, 'same': same})}])
                if 'pause' not in ops:
                    checkpoint([{'Id': 'pause', 'Type': 'WAIT', 'Action': 'START', 'Name': 'pause',
                                 'WaitOptions': {'WaitSeconds': inp.get('wait', 10)}}])
                if ops['pause']['Status'] != 'SUCCEEDED':
                    return {'Status': 'PENDING'}
                if 'approval' not in ops:
                    options = {'TimeoutSeconds': inp['callbackTimeout']} if 'callbackTimeout' in inp else {}
                    checkpoint([{'Id': 'approval', 'Type': 'CALLBACK', 'Action': 'START', 'Name': 'approval',
                                 'CallbackOptions': options}])
                cb = ops['approval']
                if cb['Status'] == 'STARTED':
                    return {'Status': 'PENDING'}
                if cb['Status'] != 'SUCCEEDED':
                    return {'Status': 'FAILED', 'Error': {'ErrorType': 'ApprovalFailed', 'ErrorMessage': cb['Status']}}
                step = json.loads(ops['double']['StepDetails']['Result'])
                count, marker = 0, None
                while True:
                    kw = {'Marker': marker} if marker else {}
                    page = c.get_durable_execution_state(DurableExecutionArn=arn, CheckpointToken=state['token'],
                                                         MaxItems=1, **kw)
                    count += len(page['Operations'])
                    marker = page.get('NextMarker')
                    if not marker:
                        break
                return {'Status': 'SUCCEEDED', 'Result': json.dumps({
                    'doubled': step['value'], 'stale': step['stale'], 'sameAnswer': step['same'],
                    'approval': json.loads(cb['CallbackDetails']['Result']), 'operations': count})}
            """;

    /** A retried step, a context with a child, checkpoint refusals, a cancelled wait, a chained invocation. */
    static final String OPERATIONS = """
            import json, boto3
            from botocore.exceptions import ClientError

            c = boto3.client('lambda')

            def handler(event, context):
                arn = event['DurableExecutionArn']
                state = {'token': event['CheckpointToken']}
                ops = {o['Id']: o for o in event['InitialExecutionState'].get('Operations', [])}
                ex = next(o for o in ops.values() if o['Type'] == 'EXECUTION')
                inp = json.loads(ex['ExecutionDetails']['InputPayload'])

                def checkpoint(updates):
                    r = c.checkpoint_durable_execution(DurableExecutionArn=arn, CheckpointToken=state['token'],
                                                       Updates=updates)
                    state['token'] = r['CheckpointToken']
                    for o in r['NewExecutionState'].get('Operations', []):
                        ops[o['Id']] = o

                def refused(updates):
                    try:
                        checkpoint(updates)
                        return 'accepted'
                    except ClientError as e:
                        return e.response['Error']['Code']

                if 'flaky' not in ops:
                    checkpoint([{'Id': 'flaky', 'Type': 'STEP', 'Action': 'START', 'Name': 'flaky'}])
                    checkpoint([{'Id': 'flaky', 'Type': 'STEP', 'Action': 'RETRY', 'StepOptions':
                                 {'NextAttemptDelaySeconds': 30}, 'Error': {'ErrorType': 'Flaky'}}])
                    return {'Status': 'PENDING'}
                if ops['flaky']['Status'] == 'PENDING':
                    return {'Status': 'PENDING'}
                if ops['flaky']['Status'] == 'READY':
                    checkpoint([{'Id': 'flaky', 'Type': 'STEP', 'Action': 'START'},
                                {'Id': 'flaky', 'Type': 'STEP', 'Action': 'SUCCEED', 'Payload': '"second"'}])
                if 'ctx' not in ops:
                    checkpoint([{'Id': 'ctx', 'Type': 'CONTEXT', 'Action': 'START', 'Name': 'batch'},
                                {'Id': 'ctx-1', 'ParentId': 'ctx', 'Type': 'STEP', 'Action': 'SUCCEED', 'Payload': '1'},
                                {'Id': 'ctx', 'Type': 'CONTEXT', 'Action': 'SUCCEED', 'Payload': '[1]'}])
                if 'long' not in ops:
                    checkpoint([{'Id': 'long', 'Type': 'WAIT', 'Action': 'START', 'WaitOptions': {'WaitSeconds': 1000}}])
                    checkpoint([{'Id': 'long', 'Type': 'WAIT', 'Action': 'CANCEL'}])
                if 'child' not in ops:
                    checkpoint([{'Id': 'child', 'Type': 'CHAINED_INVOKE', 'Action': 'START', 'Payload': '{"x": 1}',
                                 'ChainedInvokeOptions': {'FunctionName': inp['child']}}])
                if ops['child']['Status'] == 'STARTED':
                    return {'Status': 'PENDING'}
                out = {
                    'attempt': ops['flaky']['StepDetails']['Attempt'],
                    'flaky': json.loads(ops['flaky']['StepDetails']['Result']),
                    'context': json.loads(ops['ctx']['ContextDetails']['Result']),
                    'long': ops['long']['Status'],
                    'child': json.loads(ops['child']['ChainedInvokeDetails']['Result']),
                    'badAction': refused([{'Id': 'w', 'Type': 'WAIT', 'Action': 'RETRY'}]),
                    'restart': refused([{'Id': 'ctx', 'Type': 'CONTEXT', 'Action': 'START'}]),
                    'unknown': refused([{'Id': 'nope', 'Type': 'WAIT', 'Action': 'CANCEL'}]),
                    'orphan': refused([{'Id': 's', 'ParentId': 'ghost', 'Type': 'STEP', 'Action': 'START'}]),
                    'retype': refused([{'Id': 'flaky', 'Type': 'WAIT', 'Action': 'CANCEL'}]),
                    'noWait': refused([{'Id': 'w2', 'Type': 'WAIT', 'Action': 'START'}]),
                }
                checkpoint([{'Id': ex['Id'], 'Type': 'EXECUTION', 'Action': 'SUCCEED', 'Payload': json.dumps(out)}])
                return {'Status': 'SUCCEEDED'}
            """;

    static void createDurable(String name, int executionTimeout) {
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .timeout(60).durableConfig(d -> d.executionTimeout(executionTimeout).retentionPeriodInDays(7))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", DURABLE_LOOP)))));
    }

    static String start(String name, String executionName, String input) {
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .durableExecutionName(executionName).payload(SdkBytes.fromUtf8String(input)));
        assertEquals(202, r.statusCode());
        assertNotNull(r.durableExecutionArn());
        return r.durableExecutionArn();
    }

    /** Polls (up to 60 s: the function runs as a process and calls back over loopback) until the condition holds. */
    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static List<Event> history(String arn) {
        return lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events();
    }

    static Event awaitEvent(String arn, EventType type) {
        return await(type.toString(), () -> history(arn).stream().filter(e -> e.eventType() == type).findFirst()
                .orElse(null));
    }

    static GetDurableExecutionResponse awaitStatus(String arn, ExecutionStatus status) {
        return await(status.toString(), () -> {
            GetDurableExecutionResponse r = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
            return r.status() == status ? r : null;
        });
    }

    static void advance(int seconds) {
        gureum.context().clock().advance(Duration.ofSeconds(seconds));
    }

    @Test
    void aDurableFunctionStepsWaitsOnTheClockAndResumesWhenItsCallbackCompletes() throws Exception {
        String name = unique("durable");
        createDurable(name, 3600);
        assertEquals(3600, lambda.getFunctionConfiguration(b -> b.functionName(name)).durableConfig()
                .executionTimeout());
        String arn = start(name, "order-1", "{\"n\": 21}");
        assertTrue(arn.matches("arn:aws:lambda:us-east-1:\\d{12}:function:" + name
                + ":\\$LATEST/durable-execution/order-1/[a-zA-Z0-9_-]+"), arn);

        awaitEvent(arn, EventType.WAIT_STARTED);
        assertEquals(ExecutionStatus.RUNNING, lambda.getDurableExecution(b -> b.durableExecutionArn(arn)).status());
        advance(10);
        Event callback = awaitEvent(arn, EventType.CALLBACK_STARTED);
        String callbackId = callback.callbackStartedDetails().callbackId();
        lambda.sendDurableExecutionCallbackHeartbeat(b -> b.callbackId(callbackId));
        lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
                .result(SdkBytes.fromUtf8String("{\"ok\": true}")));

        GetDurableExecutionResponse done = awaitStatus(arn, ExecutionStatus.SUCCEEDED);
        JsonNode result = JSON.readTree(done.result());
        assertEquals(42, result.get("doubled").asInt());
        assertEquals("InvalidParameterValueException", result.get("stale").asText(), "a stale token is refused");
        assertTrue(result.get("sameAnswer").asBoolean(), "a repeated ClientToken gets the first answer");
        assertTrue(result.get("approval").get("ok").asBoolean());
        assertEquals(4, result.get("operations").asInt(), "EXECUTION, double, pause, approval in pages of one");
        assertEquals("order-1", done.durableExecutionName());
        assertEquals("$LATEST", done.version());
        assertEquals("{\"n\": 21}", done.inputPayload());
        assertNotNull(done.endTimestamp());

        List<EventType> types = history(arn).stream().map(Event::eventType)
                .filter(t -> t != EventType.INVOCATION_COMPLETED).toList();
        assertEquals(List.of(EventType.EXECUTION_STARTED, EventType.STEP_STARTED, EventType.STEP_SUCCEEDED,
                EventType.WAIT_STARTED, EventType.WAIT_SUCCEEDED, EventType.CALLBACK_STARTED,
                EventType.CALLBACK_SUCCEEDED, EventType.EXECUTION_SUCCEEDED), types);
        List<Event> all = history(arn);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).eventId());
        }
        assertEquals(3, all.stream().filter(e -> e.eventType() == EventType.INVOCATION_COMPLETED).count(),
                "invoked at the start, after the wait and after the callback");
        Event waitStarted = all.stream().filter(e -> e.eventType() == EventType.WAIT_STARTED).findFirst().orElseThrow();
        assertEquals(10, waitStarted.waitStartedDetails().duration());
        var reversed = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn).reverseOrder(true)
                .maxItems(2));
        assertEquals(EventType.EXECUTION_SUCCEEDED, reversed.events().get(0).eventType());
        assertNotNull(reversed.nextMarker());
        var noData = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn).includeExecutionData(false));
        assertNull(noData.events().get(0).executionStartedDetails().input().payload());

        var listed = lambda.listDurableExecutionsByFunction(b -> b.functionName(name)).durableExecutions();
        assertEquals(1, listed.size());
        assertEquals(arn, listed.get(0).durableExecutionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, listed.get(0).status());
        assertTrue(lambda.listDurableExecutionsByFunction(b -> b.functionName(name)
                .statuses(ExecutionStatus.RUNNING)).durableExecutions().isEmpty());

        CallbackTimeoutException closed = assertThrows(CallbackTimeoutException.class,
                () -> lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)));
        assertEquals(400, closed.statusCode());
        InvalidParameterValueException ended = assertThrows(InvalidParameterValueException.class,
                () -> lambda.checkpointDurableExecution(b -> b.durableExecutionArn(arn).checkpointToken("AAAA")));
        assertEquals(400, ended.statusCode());
    }

    @Test
    void aSynchronousInvokeAnswersWhenTheWholeExecutionHasEnded() throws Exception {
        String name = unique("durable-sync");
        createDurable(name, 600);
        CompletableFuture<InvokeResponse> call = CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b
                .functionName(name).payload(SdkBytes.fromUtf8String("{\"n\": 5, \"wait\": 30}"))));
        String arn = await("a running execution", () -> lambda.listDurableExecutionsByFunction(b -> b
                .functionName(name)).durableExecutions().stream().map(x -> x.durableExecutionArn()).findFirst()
                .orElse(null));
        awaitEvent(arn, EventType.WAIT_STARTED);
        advance(30);
        String callbackId = awaitEvent(arn, EventType.CALLBACK_STARTED).callbackStartedDetails().callbackId();
        lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
                .result(SdkBytes.fromUtf8String("\"yes\"")));
        InvokeResponse r = call.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertNull(r.functionError());
        assertEquals(arn, r.durableExecutionArn());
        assertEquals("$LATEST", r.executedVersion());
        JsonNode result = JSON.readTree(r.payload().asUtf8String());
        assertEquals(10, result.get("doubled").asInt());
        assertEquals("yes", result.get("approval").asText());
    }

    @Test
    void aFailedCallbackAndAFailingFunctionFailTheExecution() {
        String name = unique("durable-fail");
        createDurable(name, 600);
        String rejected = start(name, null, "{\"fail\": true}");
        GetDurableExecutionResponse failed = awaitStatus(rejected, ExecutionStatus.FAILED);
        assertEquals("OrderRejected", failed.error().errorType());
        assertEquals("no stock", failed.error().errorMessage());
        assertNull(failed.result());

        String arn = start(name, null, "{\"n\": 1, \"wait\": 1}");
        awaitEvent(arn, EventType.WAIT_STARTED);
        advance(1);
        String callbackId = awaitEvent(arn, EventType.CALLBACK_STARTED).callbackStartedDetails().callbackId();
        lambda.sendDurableExecutionCallbackFailure(b -> b.callbackId(callbackId)
                .error(e -> e.errorType("Denied").errorMessage("manager said no")));
        GetDurableExecutionResponse r = awaitStatus(arn, ExecutionStatus.FAILED);
        assertEquals("ApprovalFailed", r.error().errorType());
        assertEquals("FAILED", r.error().errorMessage());
        Event callbackFailed = awaitEvent(arn, EventType.CALLBACK_FAILED);
        assertEquals("Denied", callbackFailed.callbackFailedDetails().error().payload().errorType());
    }

    @Test
    void callbacksTimeOutAndExecutionsTimeOutOnTheClock() {
        String name = unique("durable-timeout");
        createDurable(name, 300);
        String arn = start(name, null, "{\"n\": 1, \"wait\": 1, \"callbackTimeout\": 60}");
        awaitEvent(arn, EventType.WAIT_STARTED);
        advance(1);
        String callbackId = awaitEvent(arn, EventType.CALLBACK_STARTED).callbackStartedDetails().callbackId();
        advance(61);
        awaitEvent(arn, EventType.CALLBACK_TIMED_OUT);
        GetDurableExecutionResponse r = awaitStatus(arn, ExecutionStatus.FAILED);
        assertEquals("TIMED_OUT", r.error().errorMessage());
        assertThrows(CallbackTimeoutException.class, () -> lambda.sendDurableExecutionCallbackHeartbeat(b -> b
                .callbackId(callbackId)));

        String waiting = start(name, null, "{\"n\": 1, \"wait\": 3000}");
        awaitEvent(waiting, EventType.WAIT_STARTED);
        advance(301);
        GetDurableExecutionResponse timedOut = awaitStatus(waiting, ExecutionStatus.TIMED_OUT);
        assertNotNull(timedOut.error());
        awaitEvent(waiting, EventType.EXECUTION_TIMED_OUT);
    }

    @Test
    void stopEndsARunningExecutionAndNamesAreIdempotent() {
        String name = unique("durable-stop");
        createDurable(name, 3600);
        String arn = start(name, "stop-me", "{\"n\": 2, \"wait\": 1000}");
        assertEquals(arn, start(name, "stop-me", "{\"n\": 2, \"wait\": 1000}"), "same name and input: same execution");
        DurableExecutionAlreadyStartedException taken = assertThrows(DurableExecutionAlreadyStartedException.class,
                () -> start(name, "stop-me", "{\"n\": 3}"));
        assertEquals(409, taken.statusCode());
        awaitEvent(arn, EventType.WAIT_STARTED);

        var stopped = lambda.stopDurableExecution(b -> b.durableExecutionArn(arn)
                .error(e -> e.errorType("Cancelled").errorMessage("by the test")));
        assertNotNull(stopped.stopTimestamp());
        GetDurableExecutionResponse r = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
        assertEquals(ExecutionStatus.STOPPED, r.status());
        assertEquals("Cancelled", r.error().errorType());
        assertEquals(EventType.EXECUTION_STOPPED, history(arn).get(history(arn).size() - 1).eventType());
        assertThrows(InvalidParameterValueException.class, () -> lambda.stopDurableExecution(b -> b
                .durableExecutionArn(arn)));
        assertThrows(DurableExecutionAlreadyStartedException.class, () -> start(name, "stop-me",
                "{\"n\": 2, \"wait\": 1000}"));
        assertEquals(1, lambda.listDurableExecutionsByFunction(b -> b.functionName(name)
                .statuses(ExecutionStatus.STOPPED)).durableExecutions().size());
    }

    @Test
    void retriesContextsChainedInvocationsAndRefusedCheckpoints() throws Exception {
        String child = unique("child");
        createPython(child, "def handler(event, context):\n    return {'got': event}\n");
        String name = unique("durable-ops");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler")
                .timeout(60).durableConfig(d -> d.executionTimeout(3600))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", OPERATIONS)))));
        String arn = start(name, null, "{\"child\": \"" + child + "\"}");
        Event retried = awaitEvent(arn, EventType.STEP_FAILED);
        assertEquals(30, retried.stepFailedDetails().retryDetails().nextAttemptDelaySeconds());
        assertEquals("Flaky", retried.stepFailedDetails().error().payload().errorType());
        advance(30);
        GetDurableExecutionResponse done = awaitStatus(arn, ExecutionStatus.SUCCEEDED);
        JsonNode out = JSON.readTree(done.result());
        assertEquals(2, out.get("attempt").asInt());
        assertEquals("second", out.get("flaky").asText());
        assertEquals(1, out.get("context").get(0).asInt());
        assertEquals("CANCELLED", out.get("long").asText());
        assertEquals(1, out.get("child").get("got").get("x").asInt());
        for (String refused : List.of("badAction", "restart", "unknown", "orphan", "retype", "noWait")) {
            assertEquals("InvalidParameterValueException", out.get(refused).asText(), refused);
        }
        List<EventType> types = history(arn).stream().map(Event::eventType).toList();
        for (EventType t : List.of(EventType.CONTEXT_STARTED, EventType.CONTEXT_SUCCEEDED, EventType.WAIT_CANCELLED,
                EventType.CHAINED_INVOKE_STARTED, EventType.CHAINED_INVOKE_SUCCEEDED, EventType.EXECUTION_SUCCEEDED)) {
            assertTrue(types.contains(t), t + " in " + types);
        }
        Event childStep = history(arn).stream().filter(e -> "ctx-1".equals(e.id())).findFirst().orElseThrow();
        assertEquals("ctx", childStep.parentId());
    }

    @Test
    void validationAndUnknownExecutions() {
        String plain = unique("plain");
        createEcho(plain);
        InvalidParameterValueException notDurable = assertThrows(InvalidParameterValueException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(plain)
                        .durableConfig(d -> d.executionTimeout(60))));
        assertEquals(400, notDurable.statusCode());
        assertThrows(InvalidParameterValueException.class, () -> lambda.invoke(b -> b.functionName(plain)
                .durableExecutionName("x")));

        String noTimeout = unique("durable-bad");
        assertThrows(InvalidParameterValueException.class, () -> lambda.createFunction(b -> b.functionName(noTimeout)
                .runtime("python3.12").role(ROLE).handler("app.handler").durableConfig(d -> d.retentionPeriodInDays(3))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO))))));
        AwsServiceException tooLong = assertThrows(AwsServiceException.class, () -> lambda.createFunction(b -> b
                .functionName(noTimeout).runtime("python3.12").role(ROLE).handler("app.handler")
                .durableConfig(d -> d.executionTimeout(60).retentionPeriodInDays(91))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO))))));
        assertEquals(400, tooLong.statusCode());

        String durable = unique("durable-cfg");
        createDurable(durable, 60);
        assertEquals(120, lambda.updateFunctionConfiguration(b -> b.functionName(durable)
                .durableConfig(d -> d.executionTimeout(120))).durableConfig().executionTimeout());
        assertEquals(7, lambda.getFunctionConfiguration(b -> b.functionName(durable)).durableConfig()
                .retentionPeriodInDays());

        String unknown = "arn:aws:lambda:us-east-1:000000000000:function:" + durable
                + ":$LATEST/durable-execution/nope/0000";
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getDurableExecution(b -> b.durableExecutionArn(unknown)));
        assertEquals(404, missing.statusCode());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getDurableExecutionHistory(b -> b
                .durableExecutionArn(unknown)));
        assertThrows(ResourceNotFoundException.class, () -> lambda.stopDurableExecution(b -> b
                .durableExecutionArn(unknown)));
        assertThrows(InvalidParameterValueException.class, () -> lambda.getDurableExecutionState(b -> b
                .durableExecutionArn(unknown).checkpointToken("AAAA")));
        assertThrows(InvalidParameterValueException.class, () -> lambda.sendDurableExecutionCallbackSuccess(b -> b
                .callbackId("bm90LWEtY2FsbGJhY2s=")));
        assertThrows(ResourceNotFoundException.class, () -> lambda.listDurableExecutionsByFunction(b -> b
                .functionName(unique("missing"))));
    }
}
