package io.gureum.cloudformation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ec2.SubnetHandler;
import io.gureum.cloudformation.resource.ec2.VpcHandler;
import io.gureum.cloudformation.resource.iam.RoleHandler;
import io.gureum.cloudformation.resource.lambda.FunctionHandler;
import io.gureum.cloudformation.resource.logs.LogGroupHandler;
import io.gureum.cloudformation.resource.sns.TopicHandler;
import io.gureum.cloudformation.resource.ssm.ParameterHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The readable handlers report a property changed outside the stack in the template's shape (the engine
 * compares it with the template for drift detection), the unchanged ones equal to the template, and null
 * once the resource is gone.
 */
class DriftReadIT extends HandlerTestSupport {

    @Test
    void vpcAndSubnetDriftWhenTheirAttributesChangeOutsideTheStack() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16','EnableDnsHostnames':true}"));
        assertEquals(vpc.properties(), read(vpc), "no drift right after create");
        client(Ec2Client.class).modifyVpcAttribute(b -> b.vpcId(vpc.id()).enableDnsHostnames(v -> v.value(false)));
        assertEquals(props("{'CidrBlock':'10.0.0.0/16','EnableDnsHostnames':false}"), read(vpc));

        Deployed subnet = create(new SubnetHandler(), "Subnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24','MapPublicIpOnLaunch':'true'}"));
        assertEquals(subnet.properties(), read(subnet), "a boolean written as a string reads back as one");
        delete(subnet);
        assertNull(read(subnet));
        delete(vpc);
        assertNull(read(vpc));
    }

    @Test
    void roleLogGroupParameterFunctionAndTopic() {
        Deployed role = create(new RoleHandler(), "Role", props("{'AssumeRolePolicyDocument':{'Version':'2012-10-17',"
                + "'Statement':[{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},'Action':"
                + "'sts:AssumeRole'}]},'Description':'exec','MaxSessionDuration':3600}"));
        assertEquals(role.properties(), read(role));
        client(IamClient.class).updateRole(b -> b.roleName(role.id()).description("changed by hand"));
        assertEquals("changed by hand", read(role).get("Description").asText());

        Deployed logs = create(new LogGroupHandler(), "Logs", props("{'RetentionInDays':'14'}"));
        assertEquals(logs.properties(), read(logs));
        client(CloudWatchLogsClient.class).putRetentionPolicy(b -> b.logGroupName(logs.id()).retentionInDays(30));
        assertEquals("30", read(logs).get("RetentionInDays").asText());

        Deployed parameter = create(new ParameterHandler(), "P", props("{'Type':'String','Value':'a'}"));
        assertEquals(parameter.properties(), read(parameter));
        client(SsmClient.class).putParameter(b -> b.name(parameter.id()).value("b").overwrite(true));
        assertEquals("b", read(parameter).get("Value").asText());

        Deployed fn = create(new FunctionHandler(), "Fn", props("{'Runtime':'python3.12','Handler':'index.handler',"
                + "'Role':'" + role.att("Arn") + "','Code':{'ZipFile':'def handler(e, c): return 1'},'Timeout':10,"
                + "'Environment':{'Variables':{'STAGE':'1'}}}"));
        JsonNode actual = read(fn);
        assertEquals(10, actual.get("Timeout").asInt());
        assertEquals(props("{'Variables':{'STAGE':'1'}}"), actual.get("Environment"));
        assertTrue(!actual.has("Code"), "code is not read");
        client(LambdaClient.class).updateFunctionConfiguration(b -> b.functionName(fn.id()).timeout(20));
        assertEquals(20, read(fn).get("Timeout").asInt());

        Deployed topic = create(new TopicHandler(), "T", props("{'DisplayName':'x'}"));
        assertEquals(topic.properties(), read(topic));
        client(SnsClient.class).setTopicAttributes(b -> b.topicArn(topic.id()).attributeName("DisplayName")
                .attributeValue("y"));
        assertEquals("y", read(topic).get("DisplayName").asText());

        for (Deployed d : java.util.List.of(topic, fn, parameter, logs, role)) {
            delete(d);
            assertNull(read(d), d.logicalId());
        }
    }

    @Test
    void theEc2SchedulerAndLogsTypesOfTheSecondRoundRead() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.1.0.0/16'}"));
        Deployed placement = create(new io.gureum.cloudformation.resource.ec2.PlacementGroupHandler(), "Pg",
                props("{'Strategy':'spread'}"));
        assertEquals(placement.properties(), read(placement));
        Deployed prefixes = create(new io.gureum.cloudformation.resource.ec2.PrefixListHandler(), "Pl",
                props("{'PrefixListName':'office','AddressFamily':'IPv4','MaxEntries':5,"
                        + "'Entries':[{'Cidr':'10.9.0.0/16','Description':'hq'}]}"));
        assertEquals(props("{'PrefixListName':'office','AddressFamily':'IPv4','MaxEntries':5}"), read(prefixes));
        client(Ec2Client.class).modifyManagedPrefixList(b -> b.prefixListId(prefixes.id()).prefixListName("moved"));
        assertEquals("moved", read(prefixes).get("PrefixListName").asText());
        Deployed gateway = create(new io.gureum.cloudformation.resource.ec2.CustomerGatewayHandler(), "Cgw",
                props("{'Type':'ipsec.1','IpAddress':'203.0.113.12','BgpAsn':65000}"));
        assertEquals(gateway.properties(), read(gateway));
        Deployed dhcp = create(new io.gureum.cloudformation.resource.ec2.DhcpOptionsHandler(), "Dhcp",
                props("{'DomainName':'example.internal','DomainNameServers':['AmazonProvidedDNS']}"));
        assertEquals(dhcp.properties(), read(dhcp));
        Deployed egress = create(new io.gureum.cloudformation.resource.ec2.EgressOnlyInternetGatewayHandler(), "Eigw",
                props("{'VpcId':'" + vpc.id() + "'}"));
        assertEquals(egress.properties(), read(egress));

        Deployed group = create(new io.gureum.cloudformation.resource.scheduler.ScheduleGroupHandler(), "Group",
                props("{'Name':'drift-group-" + System.nanoTime() + "'}"));
        assertEquals(group.properties(), read(group));
        String queueArn = "arn:aws:sqs:us-east-1:" + account + ":drift-target";
        Deployed schedule = create(new io.gureum.cloudformation.resource.scheduler.ScheduleHandler(), "Schedule",
                props("{'GroupName':'" + group.id() + "','ScheduleExpression':'rate(5 minutes)','State':'ENABLED',"
                        + "'FlexibleTimeWindow':{'Mode':'OFF'},'Target':{'Arn':'" + queueArn + "','RoleArn':"
                        + "'arn:aws:iam::" + account + ":role/scheduler'}}"));
        JsonNode actual = read(schedule);
        assertEquals("rate(5 minutes)", actual.get("ScheduleExpression").asText());
        assertEquals(props("{'Mode':'OFF'}"), actual.get("FlexibleTimeWindow"));
        client(software.amazon.awssdk.services.scheduler.SchedulerClient.class).updateSchedule(b -> b
                .name(schedule.id()).groupName(group.id()).scheduleExpression("rate(10 minutes)")
                .flexibleTimeWindow(w -> w.mode("OFF")).target(t -> t.arn(queueArn)
                        .roleArn("arn:aws:iam::" + account + ":role/scheduler")));
        assertEquals("rate(10 minutes)", read(schedule).get("ScheduleExpression").asText());

        Deployed query = create(new io.gureum.cloudformation.resource.logs.QueryDefinitionHandler(), "Query",
                props("{'Name':'errors','QueryString':'fields @message | filter @message like /ERROR/'}"));
        assertEquals(query.properties(), read(query));

        Deployed vpn = create(new io.gureum.cloudformation.resource.ec2.VpnGatewayHandler(), "Vgw",
                props("{'Type':'ipsec.1','AmazonSideAsn':64512}"));
        assertEquals(vpn.properties(), read(vpn));
        Deployed tgw = create(new io.gureum.cloudformation.resource.ec2.TransitGatewayHandler(), "Tgw",
                props("{'Description':'hub'}"));
        Deployed routes = create(new io.gureum.cloudformation.resource.ec2.TransitGatewayRouteTableHandler(), "TgwRt",
                props("{'TransitGatewayId':'" + tgw.id() + "'}"));
        assertEquals(routes.properties(), read(routes));

        for (Deployed d : java.util.List.of(routes, vpn, query, schedule, group, egress, dhcp, gateway, prefixes,
                placement)) {
            delete(d);
            assertNull(read(d), d.logicalId());
        }
        delete(tgw);
        delete(vpc);
    }
}
