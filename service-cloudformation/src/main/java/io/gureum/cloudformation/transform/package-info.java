/**
 * Template transforms, applied before a template is checked: {@code AWS::Include},
 * {@code AWS::LanguageExtensions} ({@code Fn::ForEach}) and {@code AWS::Serverless-2016-10-31} (SAM).
 */
package io.gureum.cloudformation.transform;
