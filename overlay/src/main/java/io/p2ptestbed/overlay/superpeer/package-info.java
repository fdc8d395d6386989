/**
 * A super-peer hybrid (Kazaa, Skype; Yang and Garcia-Molina, ICDE 2003): super-peers chosen by capacity flood
 * queries among themselves, each indexing the files of the leaves attached to it; on the stream transport, with
 * its own strict codec.
 */
package io.p2ptestbed.overlay.superpeer;
