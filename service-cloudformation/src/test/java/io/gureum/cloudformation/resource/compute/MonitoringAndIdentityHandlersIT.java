package io.gureum.cloudformation.resource.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import io.gureum.cloudformation.resource.cloudwatch.CompositeAlarmHandler;
import io.gureum.cloudformation.resource.cloudwatch.DashboardHandler;
import io.gureum.cloudformation.resource.events.ArchiveHandler;
import io.gureum.cloudformation.resource.events.EventBusHandler;
import io.gureum.cloudformation.resource.iam.OidcProviderHandler;
import io.gureum.cloudformation.resource.logs.LogGroupHandler;
import io.gureum.cloudformation.resource.logs.LogStreamHandler;
import io.gureum.cloudformation.resource.logs.MetricFilterHandler;
import io.gureum.cloudformation.resource.secretsmanager.ResourcePolicyHandler;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Log streams and metric filters, dashboards, event buses and OIDC providers, each through its service. */
class MonitoringAndIdentityHandlersIT extends HandlerTestSupport {

    @Test
    void logStreamAndMetricFilter() {
        CloudWatchLogsClient logs = client(CloudWatchLogsClient.class);
        Deployed group = create(new LogGroupHandler(), "Group", props("{'LogGroupName':'/app/web'}"));
        Deployed stream = create(new LogStreamHandler(), "Stream", props("{'LogGroupName':'/app/web'}"));
        assertTrue(stream.id().startsWith(STACK + "-Stream-"), stream.id());
        assertEquals(1, logs.describeLogStreams(b -> b.logGroupName("/app/web")).logStreams().size());
        assertTrue(replaces(stream, props("{'LogGroupName':'/app/web','LogStreamName':'other'}")));

        Deployed filter = create(new MetricFilterHandler(), "Errors", props("{'LogGroupName':'/app/web',"
                + "'FilterPattern':'ERROR','MetricTransformations':[{'MetricName':'Errors','MetricNamespace':'App',"
                + "'MetricValue':'1','DefaultValue':0,'Dimensions':[{'Key':'Service','Value':'$.service'}]}]}"));
        MetricFilter f = logs.describeMetricFilters(b -> b.logGroupName("/app/web")).metricFilters().get(0);
        assertEquals(filter.id(), f.filterName());
        assertEquals("ERROR", f.filterPattern());
        assertEquals(Map.of("Service", "$.service"), f.metricTransformations().get(0).dimensions());
        assertFalse(replaces(filter, props("{'LogGroupName':'/app/web','FilterPattern':'WARN',"
                + "'MetricTransformations':[{'MetricName':'Errors','MetricNamespace':'App','MetricValue':'1'}]}")));
        update(filter, props("{'LogGroupName':'/app/web','FilterPattern':'WARN','MetricTransformations':"
                + "[{'MetricName':'Errors','MetricNamespace':'App','MetricValue':'1'}]}"));
        assertEquals("WARN", logs.describeMetricFilters(b -> b.logGroupName("/app/web")).metricFilters().get(0)
                .filterPattern());
        delete(filter);
        delete(stream);
        assertTrue(logs.describeMetricFilters(b -> b.logGroupName("/app/web")).metricFilters().isEmpty());
        assertTrue(logs.describeLogStreams(b -> b.logGroupName("/app/web")).logStreams().isEmpty());
        delete(stream);
        delete(group);
    }

    @Test
    void dashboardEventBusAndOidcProvider() {
        CloudWatchClient cw = client(CloudWatchClient.class);
        String body = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":3,\"height\":3,"
                + "\"properties\":{\"markdown\":\"hi\"}}]}";
        Deployed dashboard = create(new DashboardHandler(), "Board", props("{'DashboardName':'ops','DashboardBody':"
                + JSON.valueToTree(body) + "}"));
        assertEquals("ops", dashboard.id());
        assertEquals(body, cw.getDashboard(b -> b.dashboardName("ops")).dashboardBody());
        delete(dashboard);
        assertThrows(DashboardNotFoundErrorException.class, () -> cw.getDashboard(b -> b.dashboardName("ops")));

        EventBridgeClient events = client(EventBridgeClient.class);
        Deployed bus = create(new EventBusHandler(), "Bus", props("{'Name':'orders','Description':'v1',"
                + "'Tags':[{'Key':'env','Value':'dev'}]}"));
        assertEquals("orders", bus.id());
        assertEquals(events.describeEventBus(b -> b.name("orders")).arn(), bus.att("Arn"));
        assertTrue(replaces(bus, props("{'Name':'orders2'}")));
        update(bus, props("{'Name':'orders','Description':'v2','Tags':[{'Key':'env','Value':'prod'}]}"));
        assertEquals("v2", events.describeEventBus(b -> b.name("orders")).description());
        Map<String, String> tags = events.listTagsForResource(b -> b.resourceARN(bus.att("Arn"))).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertEquals("prod", tags.get("env"));
        delete(bus);
        assertThrows(ResourceNotFoundException.class, () -> events.describeEventBus(b -> b.name("orders")));

        IamClient iam = client(IamClient.class);
        Deployed oidc = create(new OidcProviderHandler(), "Github", props("{'Url':'https://token.actions."
                + "githubusercontent.com','ClientIdList':['sts.amazonaws.com'],'ThumbprintList':"
                + "['6938fd4d98bab03faadb97b34396831e3780aea1']}"));
        assertEquals(oidc.id(), oidc.att("Arn"));
        assertTrue(oidc.id().endsWith(":oidc-provider/token.actions.githubusercontent.com"), oidc.id());
        update(oidc, props("{'Url':'https://token.actions.githubusercontent.com','ClientIdList':['other'],"
                + "'ThumbprintList':['6938fd4d98bab03faadb97b34396831e3780aea1']}"));
        assertEquals(java.util.List.of("other"), iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(
                oidc.id())).clientIDList());
        delete(oidc);
        assertThrows(NoSuchEntityException.class, () -> iam.getOpenIDConnectProvider(b -> b
                .openIDConnectProviderArn(oidc.id())));
        delete(oidc);
    }

    @Test
    void compositeAlarmArchiveAndSecretPolicy() {
        CloudWatchClient cw = client(CloudWatchClient.class);
        cw.putMetricAlarm(b -> b.alarmName("cpu").metricName("CPUUtilization").namespace("AWS/EC2")
                .statistic("Average").period(60).evaluationPeriods(1).threshold(80.0)
                .comparisonOperator("GreaterThanThreshold"));
        Deployed composite = create(new CompositeAlarmHandler(), "Any", props("{'AlarmName':'any',"
                + "'AlarmRule':'ALARM(cpu)','AlarmDescription':'v1'}"));
        assertEquals("any", composite.id());
        var alarm = cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(AlarmType.COMPOSITE_ALARM))
                .compositeAlarms().get(0);
        assertEquals(alarm.alarmArn(), composite.att("Arn"));
        update(composite, props("{'AlarmName':'any','AlarmRule':'OK(cpu)','AlarmDescription':'v2'}"));
        assertEquals("OK(cpu)", cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(AlarmType.COMPOSITE_ALARM))
                .compositeAlarms().get(0).alarmRule());
        delete(composite);
        assertTrue(cw.describeAlarms(b -> b.alarmNames("any").alarmTypes(AlarmType.COMPOSITE_ALARM))
                .compositeAlarms().isEmpty());

        EventBridgeClient events = client(EventBridgeClient.class);
        String busArn = events.describeEventBus(b -> b.name("default")).arn();
        Deployed archive = create(new ArchiveHandler(), "Keep", props("{'SourceArn':'" + busArn + "',"
                + "'EventPattern':{'source':['app']},'RetentionDays':7}"));
        assertEquals(events.describeArchive(b -> b.archiveName(archive.id())).archiveArn(), archive.att("Arn"));
        update(archive, props("{'SourceArn':'" + busArn + "','EventPattern':{'source':['app']},'RetentionDays':30}"));
        assertEquals(30, events.describeArchive(b -> b.archiveName(archive.id())).retentionDays());
        delete(archive);
        assertThrows(ResourceNotFoundException.class, () -> events.describeArchive(b -> b.archiveName(archive.id())));

        SecretsManagerClient sm = client(SecretsManagerClient.class);
        String secret = sm.createSecret(b -> b.name("db").secretString("x")
                .clientRequestToken(java.util.UUID.randomUUID().toString())).arn();
        Deployed policy = create(new ResourcePolicyHandler(), "Policy", props("{'SecretId':'" + secret + "',"
                + "'ResourcePolicy':{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':"
                + "'arn:aws:iam::" + account + ":root'},'Action':'secretsmanager:GetSecretValue','Resource':'*'}]}}"));
        assertEquals(secret, policy.id());
        assertTrue(sm.getResourcePolicy(b -> b.secretId(secret)).resourcePolicy().contains("GetSecretValue"));
        delete(policy);
        assertEquals(null, sm.getResourcePolicy(b -> b.secretId(secret)).resourcePolicy());
    }
}
