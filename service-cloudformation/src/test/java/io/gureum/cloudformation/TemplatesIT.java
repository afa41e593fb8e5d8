package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.GetTemplateSummaryResponse;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

class TemplatesIT extends CloudFormationTestSupport {
    static final String FUNCTIONS = """
            AWSTemplateFormatVersion: 2010-09-09
            Transform: AWS::LanguageExtensions
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
                Default: dev
              Secret:
                Type: String
                NoEcho: true
                Default: hush
              Names:
                Type: CommaDelimitedList
                Default: "A,B"
            Mappings:
              Sizes:
                dev: {Count: "1"}
                prod: {Count: "3"}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Condition IsProd]
            Resources:
              Base:
                Type: Gureum::Test::Thing
                Properties:
                  Value: !Join ["-", [!Ref "AWS::Region", !FindInMap [Sizes, !Ref Env, Count]]]
              ProdOnly:
                Type: Gureum::Test::Thing
                Condition: IsProd
              Fn::ForEach::Things:
                - Item
                - !Ref Names
                - "Thing${Item}":
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: !Sub "item-${Item}"
            Outputs:
              Joined:
                Value: !GetAtt Base.Value
              Zone:
                Value: !Select [1, !GetAZs ""]
              Cidrs:
                Value: !Join [",", !Cidr ["10.0.0.0/16", 3, 8]]
              Split:
                Value: !Select [2, !Split [":", "a:b:c"]]
              Encoded:
                Value: !Base64 hello
              Sub:
                Value: !Sub
                  - "${Base}/${X}/${!Literal}"
                  - X: !If [NotProd, small, big]
              Length:
                Value: !Length [1, 2, 3]
              Json:
                Value: !ToJsonString {a: 1}
              ItemB:
                Value: !GetAtt ThingB.Value
              Account:
                Value: !Sub "${AWS::AccountId}:${AWS::Partition}:${AWS::URLSuffix}"
            """;

    @Test
    void evaluatesIntrinsicFunctionsConditionsAndForEach() {
        String name = unique("fns");
        cfn.createStack(b -> b.stackName(name).capabilitiesWithStrings("CAPABILITY_AUTO_EXPAND").templateBody(FUNCTIONS));
        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        Map<String, String> out = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey,
                Output::outputValue));
        assertEquals("us-east-1-1", out.get("Joined"));
        assertEquals("us-east-1b", out.get("Zone"));
        assertEquals("10.0.0.0/24,10.0.1.0/24,10.0.2.0/24", out.get("Cidrs"));
        assertEquals("c", out.get("Split"));
        assertEquals("aGVsbG8=", out.get("Encoded"));
        String base = cfn.describeStackResource(b -> b.stackName(name).logicalResourceId("Base"))
                .stackResourceDetail().physicalResourceId();
        assertEquals(base + "/small/${Literal}", out.get("Sub"));
        assertEquals("3", out.get("Length"));
        assertEquals("{\"a\":1}", out.get("Json"));
        assertEquals("item-B", out.get("ItemB"));
        assertEquals("000000000000:aws:amazonaws.com", out.get("Account"));
        List<String> resources = cfn.listStackResources(b -> b.stackName(name)).stackResourceSummaries().stream()
                .map(r -> r.logicalResourceId()).sorted().toList();
        assertEquals(List.of("Base", "ThingA", "ThingB"), resources);
        Map<String, String> params = stack.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey,
                Parameter::parameterValue));
        assertEquals("****", params.get("Secret"));
        assertTrue(cfn.getTemplate(b -> b.stackName(name).templateStage("Processed")).templateBody()
                .contains("\"ThingA\""));
        assertTrue(cfn.getTemplate(b -> b.stackName(name)).templateBody().contains("Fn::ForEach::Things"));
    }

    @Test
    void checksParametersWithAwsWording() {
        String t = """
                Parameters:
                  Env:
                    Type: String
                    AllowedValues: [dev, prod]
                  Count:
                    Type: Number
                    MinValue: 1
                    MaxValue: 5
                  Code:
                    Type: String
                    AllowedPattern: "[a-z]+"
                    ConstraintDescription: lower-case letters only
                Resources:
                  T:
                    Type: Gureum::Test::Thing
                """;
        assertEquals("Parameters: [Env, Count, Code] must have values", message(t));
        assertEquals("Parameter 'Env' must be one of AllowedValues", message(t, "Env", "test", "Count", "1", "Code", "a"));
        assertEquals("Parameter 'Count' must be a number.", message(t, "Env", "dev", "Count", "x", "Code", "a"));
        assertEquals("Parameter 'Count' must be a number not greater than 5",
                message(t, "Env", "dev", "Count", "9", "Code", "a"));
        assertEquals("Parameter Code failed to satisfy constraint: lower-case letters only",
                message(t, "Env", "dev", "Count", "2", "Code", "A1"));
        assertEquals("Parameters: [Nope] do not exist in the template",
                message(t, "Env", "dev", "Count", "2", "Code", "a", "Nope", "x"));
        assertEquals("Template format error: Unrecognized parameter type: Strin",
                message("Parameters:\n  P:\n    Type: Strin\nResources:\n  T:\n    Type: Gureum::Test::Thing\n"));
    }

    private static String message(String template, String... keyValues) {
        List<Parameter> parameters = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.add(Parameter.builder().parameterKey(keyValues[i]).parameterValue(keyValues[i + 1]).build());
        }
        return fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(unique("params"))
                .templateBody(template).parameters(parameters))).awsErrorDetails().errorMessage();
    }

    @Test
    void validatesAndSummarisesTemplates() {
        ValidateTemplateResponse v = cfn.validateTemplate(b -> b.templateBody("""
                Description: roles
                Parameters:
                  Env:
                    Type: String
                    Default: dev
                    Description: the environment
                Resources:
                  Role:
                    Type: AWS::SQS::Queue
                """));
        assertEquals("roles", v.description());
        assertEquals("Env", v.parameters().get(0).parameterKey());
        assertEquals("dev", v.parameters().get(0).defaultValue());
        assertEquals("the environment", v.parameters().get(0).description());

        GetTemplateSummaryResponse s = cfn.getTemplateSummary(b -> b.templateBody(
                "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::S3::Bucket\n"));
        assertEquals(List.of("AWS::SQS::Queue", "AWS::S3::Bucket"), s.resourceTypes());
        assertEquals("2010-09-09", s.version());

        fails(400, "ValidationError", () -> cfn.validateTemplate(b -> b.templateBody("{\"Resources\": ")));
        fails(400, "ValidationError", () -> cfn.validateTemplate(b -> b.templateBody(
                "{\"Resources\":{\"X\":{\"Type\":\"AWS::Nope::Nothing\"}}}")));
    }

    @Test
    void transformsNeedAutoExpandWhenCreatedDirectly() {
        InsufficientCapabilitiesException e = org.junit.jupiter.api.Assertions.assertThrows(
                InsufficientCapabilitiesException.class, () -> cfn.createStack(b -> b.stackName(unique("expand"))
                        .templateBody(FUNCTIONS)));
        assertEquals("Requires capabilities : [CAPABILITY_AUTO_EXPAND]", e.awsErrorDetails().errorMessage());
    }
}
