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
}
