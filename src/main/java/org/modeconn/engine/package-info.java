/**
 * The KNIME-free engine: data, networks, training, curves, ensembles, planes and reports. Nothing in
 * this package tree may import KNIME.
 */
package org.modeconn.engine;
