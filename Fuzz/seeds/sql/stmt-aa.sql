CREATE DATABASE segment_workspace;
