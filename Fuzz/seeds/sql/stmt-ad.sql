CREATE GROUP analysts WITH USER a, b;
