/**
 * Internal plumbing at the bottom of the stack (JSON, logging, validation, idle watchdogs). Not
 * exported from the module and not part of the API: anything here may change in any release.
 */
package io.github.javaopenai.internal;
