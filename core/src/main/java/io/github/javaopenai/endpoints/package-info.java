/**
 * The API areas beyond the model calls: files, models, uploads, batches, conversations, input
 * items, audio and images. Obtain each from the client ({@code client.files()}); its methods send
 * one request each and return the server's answer.
 */
package io.github.javaopenai.endpoints;
