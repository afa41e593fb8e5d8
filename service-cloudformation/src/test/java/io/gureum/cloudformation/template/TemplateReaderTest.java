package io.gureum.cloudformation.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

    @Test
    void shortFormTagsBecomeTheLongForm() {
        JsonNode t = TemplateReader.read("""
                Resources:
                  R:
                    Type: X::Y::Z
                    Properties:
                      A: !Ref P
                      B: !GetAtt Res.Outputs.Name
                      C: !Sub "${AWS::Region}-x"
                      D: !Join [",", [!Ref P, !GetAZs ""]]
                      E: !If [Cond, !Ref "AWS::NoValue", x]
                      F: !Equals [a, b]
                      G: !Condition Other
                      H: !Base64
                        Fn::Sub: abc
                """);
        JsonNode p = t.path("Resources").path("R").path("Properties");
        assertEquals("{\"Ref\":\"P\"}", p.get("A").toString());
        assertEquals("{\"Fn::GetAtt\":[\"Res\",\"Outputs.Name\"]}", p.get("B").toString());
        assertEquals("{\"Fn::Sub\":\"${AWS::Region}-x\"}", p.get("C").toString());
        assertEquals("{\"Fn::Join\":[\",\",[{\"Ref\":\"P\"},{\"Fn::GetAZs\":\"\"}]]}", p.get("D").toString());
        assertEquals("{\"Fn::If\":[\"Cond\",{\"Ref\":\"AWS::NoValue\"},\"x\"]}", p.get("E").toString());
        assertEquals("{\"Fn::Equals\":[\"a\",\"b\"]}", p.get("F").toString());
        assertEquals("{\"Condition\":\"Other\"}", p.get("G").toString());
        assertEquals("{\"Fn::Base64\":{\"Fn::Sub\":\"abc\"}}", p.get("H").toString());
    }

    @Test
    void versionDatesStayStringsAndJsonIsReadAsJson() {
        assertEquals("2010-09-09", TemplateReader.read("AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n")
                .get("AWSTemplateFormatVersion").asText());
        assertTrue(TemplateReader.read("{\"Resources\": {\"A\": {\"Type\": \"T\"}}}").has("Resources"));
    }

    @Test
    void malformedTemplatesAreValidationErrors() {
        AwsException json = assertThrows(AwsException.class, () -> TemplateReader.read("{\"Resources\": "));
        assertEquals("ValidationError", json.code());
        assertTrue(json.getMessage().startsWith("Template format error: JSON not well-formed. (line 1"),
                json.getMessage());
        AwsException yaml = assertThrows(AwsException.class, () -> TemplateReader.read("a: [b"));
        assertTrue(yaml.getMessage().startsWith("Template format error: YAML not well-formed."), yaml.getMessage());
        assertEquals("Template format error: Invalid template property or properties [Resource]",
                assertThrows(AwsException.class, () -> Template.parse("Resource: {}\n")).getMessage());
        assertEquals("Template format error: [/Resources/A] Every Resources object must contain a Type member.",
                assertThrows(AwsException.class, () -> Template.parse("Resources:\n  A: {}\n")).getMessage());
    }
}
