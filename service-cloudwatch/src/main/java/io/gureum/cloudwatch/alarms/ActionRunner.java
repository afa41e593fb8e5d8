package io.gureum.cloudwatch.alarms;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Runs an alarm's actions for a state change, as the service principal {@code cloudwatch.amazonaws.com},
 * through in-process clients, off the caller's thread: SNS topics get the alarm notification, Lambda
 * functions the alarm event (asynchronous invocation), {@code arn:aws:automate:<region>:ec2:stop|terminate|reboot}
 * act on the alarm's {@code InstanceId} dimension. Auto Scaling policies, {@code ec2:recover} and Systems
 * Manager actions are kept on the alarm but not run (those services are not emulated): their history item
 * says so. Each action's outcome becomes an {@code Action} history item.
 */
final class ActionRunner {
    static final String PRINCIPAL = "cloudwatch.amazonaws.com";

    private final ServiceContext context;
    private final Executor workers;

    ActionRunner(ServiceContext context, Executor workers) {
        this.context = context;
        this.workers = workers;
    }

    void run(AlarmBook book, Alarm alarm, AlarmMessages.Change change) {
        for (String action : alarm.actionsFor(change.newState())) {
            workers.execute(() -> runOne(book, alarm, change, action));
        }
    }

    private void runOne(AlarmBook book, Alarm alarm, AlarmMessages.Change change, String action) {
        Caller caller = Caller.service(PRINCIPAL, book.account, book.region, alarm.arn);
        String published = null;
        String error = null;
        try {
            if (action.startsWith("arn:aws:sns:")) {
                String region = regionName(book.region);
                published = AlarmMessages.snsMessage(alarm, change, book.account, region);
                String message = published;
                context.clients().client(SnsClient.class, caller).publish(b -> b.topicArn(action)
                        .subject(AlarmMessages.snsSubject(alarm, change, region)).message(message));
            } else if (action.startsWith("arn:aws:lambda:")) {
                String event = AlarmMessages.lambdaEvent(alarm, change, book.account, book.region);
                context.clients().client(LambdaClient.class, caller).invoke(b -> b.functionName(action)
                        .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(event)));
            } else if (action.startsWith("arn:aws:automate:") && action.contains(":ec2:")) {
                error = ec2(caller, alarm, action.substring(action.lastIndexOf(':') + 1));
            } else {
                error = "Action " + action + " was not invoked: its service is not emulated by Gureum.";
            }
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        long now = context.clock().now().toEpochMilli();
        String summary = error == null ? "Successfully executed action " + action
                : "Failed to execute action " + action + ". Received error: \"" + error + "\"";
        book.record(new HistoryItem(alarm.name, alarm.composite ? "CompositeAlarm" : "MetricAlarm", now, "Action",
                summary, AlarmMessages.actionHistory(action, error == null, error, published, now)), now);
    }

    private String ec2(Caller caller, Alarm alarm, String verb) {
        String instance = null;
        for (Dimension d : alarm.dimensions) {
            if (d.name().equals("InstanceId")) {
                instance = d.value();
            }
        }
        if (instance == null) {
            return "The alarm has no InstanceId dimension.";
        }
        String id = instance;
        Ec2Client ec2 = context.clients().client(Ec2Client.class, caller);
        switch (verb) {
            case "stop" -> ec2.stopInstances(b -> b.instanceIds(id));
            case "terminate" -> ec2.terminateInstances(b -> b.instanceIds(id));
            case "reboot" -> ec2.rebootInstances(b -> b.instanceIds(id));
            default -> {
                return "Action " + verb + " was not invoked: EC2 instance recovery is not emulated by Gureum.";
            }
        }
        return null;
    }

    private String regionName(String region) {
        return context.topology().region(region).map(r -> r.description()).orElse(region);
    }
}
