package io.gureum.cloudformation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.cloudformation.resource.cloudwatch.AlarmMuteRuleHandler;
import io.gureum.cloudformation.resource.ecr.PullTimeUpdateExclusionHandler;
import io.gureum.cloudformation.resource.ecr.SigningConfigurationHandler;
import io.gureum.cloudformation.resource.logs.DeliveryDestinationHandler;
import io.gureum.cloudformation.resource.logs.DeliveryHandler;
import io.gureum.cloudformation.resource.logs.DeliverySourceHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Drift reads of AWS::CloudWatch::AlarmMuteRule, AWS::ECR::SigningConfiguration, PullTimeUpdateExclusion,
 * AWS::Logs::DeliverySource and Delivery: equal to the template after create, the change made outside the stack,
 * null once gone.
 */
class MuteSigningAndDeliveryDriftIT extends HandlerTestSupport {

    @Test
    void muteRuleReadsItsScheduleTargetsAndDates() {
        Deployed rule = create(new AlarmMuteRuleHandler(), "Mute", props("{'Name':'nightly','Description':'d',"
                + "'Rule':{'Schedule':{'Expression':'cron(0 2 * * *)','Duration':'PT4H'}},"
                + "'MuteTargets':{'AlarmNames':['a','b']},'ExpireDate':'2099-01-01T00:00:00.000Z'}"));
        assertEquals(rule.properties(), read(rule), "no drift right after create");
        client(CloudWatchClient.class).putAlarmMuteRule(b -> b.name("nightly").description("d")
                .rule(x -> x.schedule(s -> s.expression("cron(0 3 * * *)").duration("PT4H")))
                .muteTargets(t -> t.alarmNames("a")).expireDate(java.time.Instant.parse("2099-01-01T00:00:00Z")));
        assertEquals(props("{'Name':'nightly','Description':'d',"
                + "'Rule':{'Schedule':{'Expression':'cron(0 3 * * *)','Duration':'PT4H'}},"
                + "'MuteTargets':{'AlarmNames':['a']},'ExpireDate':'2099-01-01T00:00:00.000Z'}"), read(rule));
        delete(rule);
        assertNull(read(rule));
    }

    @Test
    void signingConfigurationAndExclusionRead() {
        String profile = "arn:aws:signer:us-east-1:" + account + ":/signing-profiles/ci_profile";
        Deployed signing = create(new SigningConfigurationHandler(), "Signing", props("{'Rules':[{'SigningProfileArn':'"
                + profile + "','RepositoryFilters':[{'Filter':'team/*','FilterType':'WILDCARD_MATCH'}]}]}"));
        assertEquals(signing.properties(), read(signing));
        client(EcrClient.class).putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(x -> x
                .signingProfileArn(profile))));
        assertEquals(props("{'Rules':[{'SigningProfileArn':'" + profile + "'}]}"), read(signing));
        delete(signing);
        assertNull(read(signing));

        Deployed exclusion = create(new PullTimeUpdateExclusionHandler(), "Exclusion",
                props("{'PrincipalArn':'arn:aws:iam::" + account + ":role/ci'}"));
        assertEquals(exclusion.properties(), read(exclusion));
        client(EcrClient.class).deregisterPullTimeUpdateExclusion(b -> b.principalArn(exclusion.id()));
        assertNull(read(exclusion));
    }

    @Test
    void deliverySourceAndDeliveryRead() {
        String bus = client(EventBridgeClient.class).createEventBus(b -> b.name("orders")).eventBusArn();
        Deployed source = create(new DeliverySourceHandler(), "Source", props("{'Name':'orders-info','ResourceArn':'"
                + bus + "','LogType':'INFO_LOGS'}"));
        assertEquals(source.properties(), read(source));
        client(CloudWatchLogsClient.class).createLogGroup(b -> b.logGroupName("vended"));
        Deployed destination = create(new DeliveryDestinationHandler(), "Destination", props("{'Name':'dst',"
                + "'DestinationResourceArn':'arn:aws:logs:us-east-1:" + account + ":log-group:vended'}"));
        Deployed delivery = create(new DeliveryHandler(), "Delivery", props("{'DeliverySourceName':'orders-info',"
                + "'DeliveryDestinationArn':'" + destination.att("Arn") + "','RecordFields':['message','time']}"));
        assertEquals(delivery.properties(), read(delivery));
        client(CloudWatchLogsClient.class).updateDeliveryConfiguration(b -> b.id(delivery.id()).recordFields("message"));
        assertEquals(props("{'DeliverySourceName':'orders-info','DeliveryDestinationArn':'" + destination.att("Arn")
                + "','RecordFields':['message']}"), read(delivery));
        delete(delivery);
        assertNull(read(delivery));
        client(CloudWatchLogsClient.class).putDeliverySource(b -> b.name("orders-info").resourceArn(bus)
                .logType("ERROR_LOGS"));
        assertEquals(props("{'Name':'orders-info','ResourceArn':'" + bus + "','LogType':'ERROR_LOGS'}"), read(source));
        delete(source);
        assertNull(read(source));
        delete(destination);
    }
}
