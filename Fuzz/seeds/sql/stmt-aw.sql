CREATE USER <name> [IN GROUP <group>] PASSWORD '{{password}}' :'var' :var ${VAR};
